/**
 * A recorded vote (afstemning): who voted for, against and abstained, by participant or by
 * party letter with head counts, and the outcome. Displayed as minutes text in the UI language
 * ("Et flertal (A, V og C) stemte for. Et medlem (O) stemte imod.").
 */
import type { JSX } from 'react';
import { $applyNodeReplacement, type LexicalNode, type NodeKey } from 'lexical';
import type { Vote } from '../../../../common/domain/richText';
import { referatNodeTypes, type SerializedVoteJson } from '../../../../common/editor/lexicalJson';
import { voteToJson } from '../../../../common/editor/lexicalState';
import { voteBlockText } from '../../../../common/wording/blocks';
import { emptyVote } from '../../../../common/wording/votes';
import { $getReferenceLookup } from '../referenceLookup';
import { VoteView } from '../views/VoteView';
import { BlockNode } from './BlockNode';

/** Serialized form: the vote block's fields. */
export type SerializedVoteNode = SerializedVoteJson;

function toVote(json: Omit<SerializedVoteJson, 'type' | 'version'>): Vote {
  return {
    type: 'vote',
    ...(json.adPoint !== undefined && json.adPoint !== '' ? { adPoint: json.adPoint } : {}),
    subject: json.subject,
    for: json.for,
    against: json.against,
    abstained: json.abstained,
    outcome: json.outcome,
  };
}

export class VoteNode extends BlockNode<Vote> {
  static override getType(): string {
    return referatNodeTypes.vote;
  }

  static override clone(node: VoteNode): VoteNode {
    return new VoteNode(node.__value, node.__key);
  }

  static override importJSON(json: SerializedVoteNode): VoteNode {
    return $createVoteNode(toVote(json));
  }

  constructor(vote: Vote = emptyVote(), key?: NodeKey) {
    super(vote, key);
  }

  override blockKind(): string {
    return 'vote';
  }

  override exportJSON(): SerializedVoteNode {
    return voteToJson(this.getVote());
  }

  getVote(): Vote {
    return this.getValue();
  }

  setVote(vote: Vote): this {
    return this.setValue(vote);
  }

  /** The minutes text, so plain-text copy and find see what the reader sees. */
  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return `${voteBlockText(this.getVote(), lookup)}\n\n`;
  }

  override decorate(): JSX.Element {
    return <VoteView nodeKey={this.getKey()} vote={this.__value} isNode={$isVoteNode} />;
  }
}

export function $createVoteNode(vote: Vote = emptyVote()): VoteNode {
  return $applyNodeReplacement(new VoteNode(vote));
}

export function $isVoteNode(node: LexicalNode | null | undefined): node is VoteNode {
  return node instanceof VoteNode;
}
