import { addRow, readTable, setCell } from '../../../core/schema/index.ts';
import { METRICS_COLUMNS as C, METRICS_SECTION_ID } from '../../../core/templates/index.ts';
import { connectStockClient, waitFor, type StockClient } from '../../support/sync-clients.ts';
import { createDocumentIn, createWorkspace, type Workspace } from '../../support/test-server.ts';

/** A document the benchmark opens, and the link a person would follow to it. */
export interface BenchDocument {
  readonly id: string;
  readonly label: string;
  readonly token: string;
}

export const documentPath = (document: BenchDocument): string =>
  `/d/${document.id}?token=${document.token}`;

const SYNC_TIMEOUT_MS = 30_000;

async function synced(client: StockClient, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.synced,
      new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`${what} did not sync within ${SYNC_TIMEOUT_MS} ms`)),
            SYNC_TIMEOUT_MS,
          )),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export class BenchDocuments {
  private constructor(
    private readonly serverUrl: string,
    private readonly workspace: Workspace,
  ) {}

  static async open(serverUrl: string): Promise<BenchDocuments> {
    return new BenchDocuments(serverUrl, await createWorkspace(serverUrl, 'Client benchmark'));
  }

  /** The roles-working-session template: a real-sized document of notes and tables. */
  async createWorkingSession(): Promise<BenchDocument> {
    const id = await createDocumentIn(this.serverUrl, this.workspace, {
      title: 'Roles working session',
      template: 'roles-working-session',
    });
    return { id, label: 'roles-working-session', token: this.workspace.tokens.editor };
  }

  /**
   * A data-review document whose metrics table has `rows` more rows, added by a stock client
   * one row per transaction (addRow, then setCell for each count) as people filling it in would,
   * and confirmed stored by a second client that loads them from the server.
   */
  async createLargeDataReview(rows: number): Promise<BenchDocument> {
    const id = await createDocumentIn(this.serverUrl, this.workspace, {
      title: 'Data review',
      template: 'data-review',
    });
    const token = this.workspace.tokens.editor;
    const writer = connectStockClient(this.serverUrl, id, token);
    let reader: StockClient | null = null;
    try {
      await synced(writer, 'the writing client');
      const before = readTable(writer.doc, METRICS_SECTION_ID)?.value.rows.length ?? 0;
      for (let i = 0; i < rows; i++) {
        writer.doc.transact(() => {
          const added = addRow(writer.doc, METRICS_SECTION_ID, {});
          if (!added.ok) throw new Error(`adding a metrics row failed: ${added.message}`);
          const referred = 20 + ((i * 37) % 80);
          const values: [string, string | number][] = [
            [C.period, `${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`],
            [C.provider, `Provider ${(i % 9) + 1}`],
            [C.referred, referred],
            [C.offered, Math.round(referred * 0.8)],
            [C.initiated, Math.round(referred * 0.6)],
            [C.active, Math.round(referred * 0.45)],
            [C.providersTrained, 3 + (i % 5)],
            [C.providersTotal, 9],
          ];
          for (const [column, value] of values) {
            const written = setCell(writer.doc, METRICS_SECTION_ID, added.id, column, value);
            if (!written.ok) throw new Error(`writing ${column} failed: ${written.message}`);
          }
        });
      }
      reader = connectStockClient(this.serverUrl, id, token);
      await synced(reader, 'the checking client');
      const loaded = reader;
      await waitFor(
        `${rows} new metrics rows at a fresh client`,
        () => (readTable(loaded.doc, METRICS_SECTION_ID)?.value.rows.length ?? 0) >= before + rows,
        SYNC_TIMEOUT_MS,
      );
    } finally {
      writer.destroy();
      reader?.destroy();
    }
    return { id, label: `data-review + ${rows} rows`, token };
  }
}
