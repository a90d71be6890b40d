import * as Y from 'yjs';
import {
  ensureTextCell,
  noteFragment,
  readDocument,
  type SectionView,
} from '../../../core/schema/index.ts';
import { connectStockClient, type StockClient } from '../../support/sync-clients.ts';

/** Where the person in the browser types; remote editors stay out of exactly these places. */
export interface KeptClear {
  /** The first paragraph of the first note section. */
  readonly firstParagraph: boolean;
  /** Cells by row position, as the browser finds them by label ('Task, row 1' is index 0). */
  readonly cells: readonly {
    readonly sectionId: string;
    readonly rowIndex: number;
    readonly columnId: string;
  }[];
}

export interface CellAddress {
  readonly sectionId: string;
  readonly rowId: string;
  readonly columnId: string;
}

export interface CrowdJoin {
  readonly serverUrl: string;
  readonly documentId: string;
  readonly token: string;
  readonly editors: number;
  readonly keysPerSecond: number;
  readonly keepClear: KeptClear;
  /** Typing stops on its own after this long, even if nobody asks. */
  readonly maxSeconds: number;
  readonly seed: number;
}

export interface CrowdStats {
  readonly editors: number;
  readonly keystrokes: number;
  readonly awarenessChanges: number;
  readonly moves: number;
  readonly seconds: number;
  /** This process's CPU over the typing, as a share of one core. */
  readonly cpuShare: number;
}

/** A place someone types: a paragraph's text in a note, or a text cell. */
type Target =
  | { readonly kind: 'note'; readonly text: Y.XmlText }
  | { readonly kind: 'cell'; readonly cell: CellAddress };

/** Muted colours as people pick them; y-prosemirror wants six-digit hex. */
const COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const PHRASE =
  'we agreed the coordinator will follow up with each provider before the next meeting ';
/** A person stays in one place for this long on average, then moves to another. */
const MEAN_STAY_MS = 12_000;
const CONNECT_TIMEOUT_MS = 30_000;

/** mulberry32: small, seeded, good enough to spread timers and targets reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paragraphs with text, up to three per note, in document order (y-prosemirror's shape: element → XmlText). */
function noteTargets(doc: Y.Doc, sections: readonly SectionView[], keepClear: KeptClear): Target[] {
  const targets: Target[] = [];
  let firstNote = true;
  for (const section of sections) {
    if (section.kind !== 'note') continue;
    const fragment = noteFragment(doc, section.id);
    if (fragment === null) continue;
    const paragraphs: Y.XmlText[] = [];
    for (const node of fragment.createTreeWalker(
      (n) => n instanceof Y.XmlElement && n.nodeName === 'paragraph',
    )) {
      const text = (node as Y.XmlElement).firstChild;
      if (text instanceof Y.XmlText && text.length > 0) paragraphs.push(text);
    }
    if (firstNote && keepClear.firstParagraph) paragraphs.shift();
    firstNote = false;
    for (const text of paragraphs.slice(0, 3)) targets.push({ kind: 'note', text });
  }
  return targets;
}

/** Text and person cells of the first rows of every table, minus the ones kept clear. */
function cellTargets(sections: readonly SectionView[], keepClear: KeptClear): Target[] {
  const targets: Target[] = [];
  const clear = new Set(keepClear.cells.map((c) => `${c.sectionId}/${c.rowIndex}/${c.columnId}`));
  for (const section of sections) {
    if (section.kind !== 'table') continue;
    const textColumns = section.table.columns.filter(
      (column) => column.kind === 'text' || column.kind === 'person',
    );
    section.table.rows.slice(0, 4).forEach((row, rowIndex) => {
      for (const column of textColumns) {
        if (!clear.has(`${section.id}/${rowIndex}/${column.id}`))
          targets.push({
            kind: 'cell',
            cell: { sectionId: section.id, rowId: row.id, columnId: column.id },
          });
      }
    });
  }
  return targets;
}

/**
 * One simulated person: types into their place at a steady rate with some jitter, publishes
 * their name and colour, a caret (notes) or the focused cell (tables) as the client does, and
 * now and then moves elsewhere.
 */
class RemoteEditor {
  private target: Target;
  private offset = 0;
  private timer: NodeJS.Timeout | null = null;
  private stayUntil = 0;
  keystrokes = 0;
  awarenessChanges = 0;
  moves = 0;

  constructor(
    private readonly client: StockClient,
    private readonly index: number,
    private readonly targets: readonly Target[],
    private readonly random: () => number,
    private readonly intervalMs: number,
  ) {
    this.client.provider.awareness.setLocalStateField('user', {
      name: `Remote editor ${index + 1}`,
      color: COLOURS[index % COLOURS.length]!,
    });
    this.target = targets[0]!;
  }

  start(): void {
    this.moveTo(this.target);
    const tick = (): void => {
      if (performance.now() > this.stayUntil)
        this.moveTo(this.targets[Math.floor(this.random() * this.targets.length)]!);
      this.typeOne();
      // ±40% jitter around the mean interval, so thirty people never type in lockstep.
      this.timer = setTimeout(tick, this.intervalMs * (0.6 + 0.8 * this.random()));
    };
    this.timer = setTimeout(tick, this.intervalMs * this.random());
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private moveTo(target: Target): void {
    this.target = target;
    this.stayUntil = performance.now() + MEAN_STAY_MS * (0.5 + this.random());
    this.moves++;
    const awareness = this.client.provider.awareness;
    if (target.kind === 'note') {
      this.offset = Math.floor(this.random() * (target.text.length + 1));
      awareness.setLocalStateField('cell', null);
      this.publishCaret();
    } else {
      this.offset = Number.POSITIVE_INFINITY; // the end of the cell, clamped when typing
      awareness.setLocalStateField('cursor', null);
      awareness.setLocalStateField('cell', target.cell);
      this.awarenessChanges++;
    }
  }

  /** What y-prosemirror publishes after each keystroke: anchor and head as relative positions. */
  private publishCaret(): void {
    if (this.target.kind !== 'note') return;
    const position = Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(
        this.target.text,
        Math.min(this.offset, this.target.text.length),
      ),
    );
    this.client.provider.awareness.setLocalStateField('cursor', {
      anchor: position,
      head: position,
    });
    this.awarenessChanges++;
  }

  private typeOne(): void {
    const character = PHRASE[(this.index * 7 + this.keystrokes) % PHRASE.length]!;
    const text =
      this.target.kind === 'note'
        ? this.target.text
        : ensureTextCell(
            this.client.doc,
            this.target.cell.sectionId,
            this.target.cell.rowId,
            this.target.cell.columnId,
          );
    // The place may have been deleted by someone else; then this person moves on at the next key.
    if (text === null || text.doc === null || (text._item !== null && text._item.deleted)) {
      this.stayUntil = 0;
      return;
    }
    this.offset = Math.min(this.offset, text.length);
    text.insert(this.offset, character);
    this.offset++;
    this.keystrokes++;
    this.publishCaret();
  }
}

/** Stock y-websocket clients typing in one document together, driven by remote-editors.ts. */
export class EditorCrowd {
  private started = 0;
  private cpuAtStart = process.cpuUsage();
  private stopTimer: NodeJS.Timeout | null = null;
  private stats: CrowdStats | null = null;

  private constructor(
    private readonly clients: readonly StockClient[],
    private readonly editors: readonly RemoteEditor[],
    private readonly maxSeconds: number,
  ) {}

  static async join(args: CrowdJoin): Promise<EditorCrowd> {
    const clients = Array.from({ length: args.editors }, () =>
      connectStockClient(args.serverUrl, args.documentId, args.token),
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all(clients.map((client) => client.synced)),
        new Promise(
          (_, reject) =>
            (timer = setTimeout(
              () =>
                reject(
                  new Error(
                    `${args.editors} remote editors did not sync within ${CONNECT_TIMEOUT_MS} ms`,
                  ),
                ),
              CONNECT_TIMEOUT_MS,
            )),
        ),
      ]);
    } catch (error) {
      for (const client of clients) client.destroy();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const random = seededRandom(args.seed);
    const editors = clients.map((client, index) => {
      const sections = readDocument(client.doc).value.sections;
      // Two in three people write in the notes, one in three in the tables.
      const notes = noteTargets(client.doc, sections, args.keepClear);
      const cells = cellTargets(sections, args.keepClear);
      if (notes.length + cells.length === 0)
        throw new Error('the document has no paragraph or text cell to type into');
      // Each person starts in their own place, spread over the places of their kind, and moves within that kind.
      const kindTargets =
        index % 3 === 2 && cells.length > 0 ? cells : notes.length > 0 ? notes : cells;
      const rotated = [
        ...kindTargets.slice(index % kindTargets.length),
        ...kindTargets.slice(0, index % kindTargets.length),
      ];
      return new RemoteEditor(client, index, rotated, random, 1000 / args.keysPerSecond);
    });
    return new EditorCrowd(clients, editors, args.maxSeconds);
  }

  start(): void {
    if (this.started !== 0) throw new Error('the crowd is already typing');
    this.started = performance.now();
    this.cpuAtStart = process.cpuUsage();
    for (const editor of this.editors) editor.start();
    this.stopTimer = setTimeout(() => this.stop(), this.maxSeconds * 1000);
  }

  /** Stops typing; idempotent, so the backstop timer and the orchestrator can both call it. */
  stop(): CrowdStats {
    if (this.stats !== null) return this.stats;
    if (this.stopTimer !== null) clearTimeout(this.stopTimer);
    for (const editor of this.editors) editor.stop();
    const seconds = this.started === 0 ? 0 : (performance.now() - this.started) / 1000;
    const cpu = process.cpuUsage(this.cpuAtStart);
    this.stats = {
      editors: this.editors.length,
      keystrokes: this.editors.reduce((sum, editor) => sum + editor.keystrokes, 0),
      awarenessChanges: this.editors.reduce((sum, editor) => sum + editor.awarenessChanges, 0),
      moves: this.editors.reduce((sum, editor) => sum + editor.moves, 0),
      seconds,
      cpuShare: seconds === 0 ? 0 : (cpu.user + cpu.system) / 1000 / (seconds * 1000),
    };
    return this.stats;
  }

  leave(): void {
    this.stop();
    for (const client of this.clients) client.destroy();
  }
}
