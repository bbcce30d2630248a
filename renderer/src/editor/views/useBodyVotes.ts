import { useEffect, useState } from 'react';
import { $getRoot, type LexicalEditor } from 'lexical';
import type { Vote } from '../../../../common/domain/richText';
import { $isVoteNode } from '../nodes/VoteNode';

function $collectVotes(): Vote[] {
  return $getRoot()
    .getChildren()
    .filter($isVoteNode)
    .map((node) => node.getVote());
}

/** The votes recorded in the body of `editor`, kept current as the body changes. */
export function useBodyVotes(editor: LexicalEditor): Vote[] {
  const [votes, setVotes] = useState<Vote[]>(() => editor.getEditorState().read($collectVotes));
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        const next = editorState.read($collectVotes);
        setVotes((previous) =>
          JSON.stringify(previous) === JSON.stringify(next) ? previous : next,
        );
      }),
    [editor],
  );
  return votes;
}
