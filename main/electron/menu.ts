/**
 * The application menu: Danish (Filer, Rediger, Vis, Hjælp) or English (File, Edit, View,
 * Help). Without it Electron shows its English default menu with Reload and Developer Tools;
 * a packaged build has neither (they exist in development only). Pure: builds the template,
 * electronMain.ts hands it to `Menu.buildFromTemplate`.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Lang } from '../../common/domain/lang';

export type MenuLanguage = Lang;

type Labels = {
  file: string;
  edit: string;
  view: string;
  help: string;
  quit: string;
  close: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  reload: string;
  devTools: string;
  about: string;
};

const labels: Readonly<Record<MenuLanguage, Labels>> = {
  da: {
    file: 'Filer',
    edit: 'Rediger',
    view: 'Vis',
    help: 'Hjælp',
    quit: 'Afslut Referat',
    close: 'Luk vinduet',
    undo: 'Fortryd',
    redo: 'Annuller fortryd',
    cut: 'Klip',
    copy: 'Kopiér',
    paste: 'Indsæt',
    selectAll: 'Markér alt',
    resetZoom: 'Faktisk størrelse',
    zoomIn: 'Zoom ind',
    zoomOut: 'Zoom ud',
    fullScreen: 'Fuld skærm',
    reload: 'Genindlæs (udvikling)',
    devTools: 'Udviklerværktøjer (udvikling)',
    about: 'Om Referat',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    help: 'Help',
    quit: 'Quit Referat',
    close: 'Close window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    reload: 'Reload (development)',
    devTools: 'Developer tools (development)',
    about: 'About Referat',
  },
};

/** English when the system's language is English, Danish otherwise (Referat's default). */
export function menuLanguageFor(locale: string): MenuLanguage {
  return /^en\b/i.test(locale) ? 'en' : 'da';
}

export type MenuOptions = {
  language: MenuLanguage;
  /** A packaged build: no Reload, no Developer Tools. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Shows "Om Referat" (a dialog with the version). */
  onAbout: () => void;
};

/** The menu template for `Menu.buildFromTemplate`. */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const l = labels[options.language];
  const isMac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: l.resetZoom },
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    { type: 'separator' },
    { role: 'togglefullscreen', label: l.fullScreen },
  ];
  if (!options.isPackaged)
    view.push(
      { type: 'separator' },
      { role: 'reload', label: l.reload },
      { role: 'toggleDevTools', label: l.devTools },
    );
  return [
    ...(isMac
      ? [
          {
            label: 'Referat',
            submenu: [
              { label: l.about, click: options.onAbout },
              { type: 'separator' },
              { role: 'quit', label: l.quit },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: l.file,
      submenu: [
        { role: 'close', label: l.close },
        ...(isMac ? [] : [{ role: 'quit', label: l.quit } satisfies MenuItemConstructorOptions]),
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    { label: l.view, submenu: view },
    { label: l.help, submenu: [{ label: l.about, click: options.onAbout }] },
  ];
}
