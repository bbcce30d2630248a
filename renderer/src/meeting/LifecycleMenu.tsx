/**
 * The meeting's lifecycle actions in one menu (React Aria): only what the meeting's status
 * allows (no approval of approved minutes, no signing or corrections of a draft), each opening
 * the side panel part that does it (PDF export, approval and signing, sharing and archiving).
 */
import {
  Archive,
  BadgeCheck,
  ChevronDown,
  FileDown,
  Send,
  History,
  PenLine,
  Share,
  Signature,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, MenuItem, MenuTrigger } from 'react-aria-components';
import type { MeetingStatus } from '../../../common/domain/model';
import type { MeetingPanel } from './MeetingSidePanel';
import { PopoverMenu } from '../components/PopoverMenu';

/** One action of the menu: the side panel part it opens and the statuses it is offered in. */
export type LifecycleAction = {
  id: string;
  /** i18n key under meeting.actions. */
  labelKey: string;
  panel: MeetingPanel;
  statuses: readonly MeetingStatus[];
  icon: LucideIcon;
};

const everyStatus: readonly MeetingStatus[] = ['draft', 'approved', 'signed', 'archived'];

/** The actions in menu order. */
export const lifecycleActions: readonly LifecycleAction[] = [
  {
    id: 'pdf',
    labelKey: 'meeting.actions.pdf',
    panel: 'pdf',
    statuses: everyStatus,
    icon: FileDown,
  },
  {
    id: 'agenda',
    labelKey: 'meeting.actions.agenda',
    panel: 'agenda',
    statuses: ['draft'],
    icon: Send,
  },
  {
    id: 'approve',
    labelKey: 'meeting.actions.approve',
    panel: 'lifecycle',
    statuses: ['draft'],
    icon: BadgeCheck,
  },
  {
    id: 'sign',
    labelKey: 'meeting.actions.sign',
    panel: 'lifecycle',
    statuses: ['approved', 'signed'],
    icon: Signature,
  },
  {
    id: 'corrections',
    labelKey: 'meeting.actions.corrections',
    panel: 'lifecycle',
    statuses: ['approved', 'signed', 'archived'],
    icon: PenLine,
  },
  {
    id: 'share',
    labelKey: 'meeting.actions.share',
    panel: 'share',
    statuses: everyStatus,
    icon: Share,
  },
  {
    id: 'archive',
    labelKey: 'meeting.actions.archive',
    panel: 'share',
    statuses: ['approved', 'signed', 'archived'],
    icon: Archive,
  },
  {
    id: 'history',
    labelKey: 'meeting.actions.history',
    panel: 'lifecycle',
    statuses: everyStatus,
    icon: History,
  },
];

/** The actions a meeting in `status` offers. */
export const actionsFor = (status: MeetingStatus): LifecycleAction[] =>
  lifecycleActions.filter((action) => action.statuses.includes(status));

export function LifecycleMenu({
  status,
  onOpen,
}: {
  status: MeetingStatus;
  onOpen(panel: MeetingPanel): void;
}) {
  const { t } = useTranslation();
  const actions = actionsFor(status);
  return (
    <MenuTrigger>
      <Button className="button button--primary meeting-bar__menu-button">
        {t('meeting.actions.menu')}
        <ChevronDown size={16} aria-hidden="true" />
      </Button>
      <PopoverMenu
        label={t('meeting.actions.menu')}
        placement="bottom end"
        onAction={(key) => {
          const action = actions.find((candidate) => candidate.id === key);
          if (action) onOpen(action.panel);
        }}
      >
        {actions.map((action) => (
          <MenuItem
            key={action.id}
            id={action.id}
            className="menu__item"
            textValue={t(action.labelKey)}
          >
            <action.icon size={16} aria-hidden="true" />
            {t(action.labelKey)}
          </MenuItem>
        ))}
      </PopoverMenu>
    </MenuTrigger>
  );
}
