import { forwardRef, Inject, Injectable } from '@nestjs/common';
import { type CsvError, type Info, parse } from 'csv-parse';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError, type FieldErrors, ValidationFailed } from '../../common/errors/error-response.js';
import { UploadMsg, UploadTooLarge } from '../../common/media/multipart.js';
import { validateInput } from '../../common/validation/validation.pipe.js';
import { TransactionalConnection } from '../../infra/database/transactional-connection.js';
import { ActivityService } from '../activity/index.js';
import { type ProductForItem, ProductsService } from '../products/index.js';
import { InventoryCsvImportDto, InventoryCsvImportStoppedDto, MAX_LISTED_ROW_ERRORS } from './dto/inventory-csv.dto.js';
import { CreateInventoryItemDto, type InventoryItemFieldsDto, UpdateInventoryItemDto } from './dto/inventory-item-write.dto.js';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { type Actor, type AuditEntry, InventoryAuditService } from './inventory-audit.service.js';
import {
  CSV_COLUMNS,
  type CsvColumn,
  csvHeader,
  csvHeaderLine,
  type CsvRowError,
  csvRowInput,
  isTextStart,
  rowCells,
  rowErrors,
  withCrlfRecordEnds,
} from './inventory-csv.rules.js';
import { InventoryItemsService } from './inventory-items.service.js';
import { itemCreatedActivity, priceChangedActivities } from './item-activity.rules.js';
import { type InventoryFilters, InventoryListQuery } from './inventory-list.query.js';
import { BATCH_PROPERTIES, InventoryRepository, type NewItem } from './inventory.repository.js';
import { describeUpdate, type FieldChanges, type InventoryStatus, statusDisplay } from './inventory.rules.js';
import { itemUpdate, newItemColumns, newProductTitle, NO_PRODUCT, type ResolvedReferences, statusAfter } from './item-write.rules.js';

/** Rows per import batch: one lookup, one insert, one update and one audit insert each, in one transaction. */
export const IMPORT_BATCH_ROWS = 1000;
/** How often writeCsv reports progress, in rows. */
const PROGRESS_EVERY_ROWS = 1000;
/** Longest row the import reads, in characters (the longest fields of an item are some 40,000): bounds an unclosed quote. */
const MAX_RECORD_CHARACTERS = 1_000_000;

const NOT_CSV = 'The file is not a CSV text file (UTF-8).';

/** A parsed data row: where it starts in the file and its cells by column, or why its cells cannot be read. */
interface CsvRow {
  line: number;
  cells: Partial<Record<CsvColumn, string>>;
  problem?: FieldErrors;
}

/** A row that passed validation, to be written by its batch. */
interface ValidRow<T extends InventoryItemFieldsDto> {
  line: number;
  input: T;
  references: ResolvedReferences;
}

/** What an import has done so far, carried from batch to batch. */
interface ImportProgress {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: CsvRowError[];
  /** The line of the row that first named each uid: a later row naming it again fails. */
  uidLines: Map<string, number>;
  /** The products this import created, by title: one per distinct title, whatever the number of rows naming it. */
  productsByTitle: Map<string, ProductForItem>;
}

/** What one batch did, applied to the progress once its transaction committed. */
interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  failedLines: Set<number>;
  errors: CsvRowError[];
  newProducts: Map<string, ProductForItem>;
}

/** A batch after validation: the rows to write, and what it did so far (the problems of its rows). */
interface PreparedBatch {
  updates: Map<string, ValidRow<UpdateInventoryItemDto>>;
  creates: Array<ValidRow<CreateInventoryItemDto>>;
  outcome: BatchOutcome;
  reject: (line: number, errors: FieldErrors) => void;
}

/** A batch's database work failed: its cause is a server error, not a problem of the file. */
class BatchFailed extends Error {
  constructor(readonly reason: unknown) {
    super('An import batch failed');
  }
}

/** What items need of products, typed structurally for the forward reference (see InventoryItemsService). */
type ProductsOfCsv = Pick<ProductsService, 'forInventoryMany' | 'createManyForInventory'>;

/** The line where each record starts: csv-parse tells where it ends, and how many empty lines it skipped. */
class RecordStarts {
  private lastEnd = 0;
  private lastEmptyLines = 0;

  startOf(info: Info): number {
    const start = this.lastEnd + 1 + (info.empty_lines - this.lastEmptyLines);
    this.lastEnd = info.lines;
    this.lastEmptyLines = info.empty_lines;
    return start;
  }
}

/**
 * The inventory CSV: the export streamed from a cursor (HTTP download and export jobs alike), and the import,
 * parsed as its upload streams and written in batches (see importCsv for what lands when).
 */
@Injectable()
export class InventoryCsvService {
  constructor(
    private readonly db: TransactionalConnection,
    private readonly items: InventoryRepository,
    private readonly listQuery: InventoryListQuery,
    private readonly audit: InventoryAuditService,
    private readonly itemsService: InventoryItemsService,
    @Inject(forwardRef(() => ProductsService)) private readonly products: ProductsOfCsv,
    private readonly activity: ActivityService,
  ) {}

  countCsvRows(organizationId: string, filters: InventoryFilters): Promise<number> {
    return this.listQuery.count(organizationId, filters);
  }

  /**
   * Writes the header and every matching item (the `columns` chosen, default all, in that order) to `out` (UTF-8 with a BOM, so that spreadsheets read it as such;
   * CRLF line ends): PostgreSQL's COPY writes the rows, read only as fast as `out` drains; ends `out` and resolves
   * with the number of rows, or destroys `out` and rejects (the COPY's connection is released either way).
   */
  async writeCsv(
    organizationId: string,
    filters: InventoryFilters,
    out: NodeJS.WritableStream | Writable,
    onProgress?: (rowsWritten: number) => void,
    columns: readonly CsvColumn[] = CSV_COLUMNS,
  ): Promise<number> {
    let rows = 0;
    let insideQuotes = false;
    const toCrlf = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const converted = withCrlfRecordEnds(chunk, insideQuotes);
        insideQuotes = converted.insideQuotes;
        const before = rows;
        rows += converted.records;
        if (Math.floor(rows / PROGRESS_EVERY_ROWS) > Math.floor(before / PROGRESS_EVERY_ROWS)) onProgress?.(rows);
        done(null, converted.text);
      },
    });
    toCrlf.push(csvHeaderLine(columns));
    let sourceClosed: Promise<unknown> = Promise.resolve();
    try {
      const source = await this.listQuery.csvText(organizationId, filters, columns);
      // Settled only once the COPY's connection is back in the pool (or discarded), so that the caller's next query finds one.
      sourceClosed = new Promise((resolve) => source.once('close', resolve));
      await pipeline(source, toCrlf, out);
    } catch (error) {
      const stream = out as Writable;
      if (typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy(error as Error);
      await sourceClosed;
      throw error;
    }
    await sourceClosed;
    onProgress?.(rows);
    return rows;
  }

  /**
   * Imports a CSV file as it streams. Rows are validated as the API validates a create (no `uid`) or an update
   * (a `uid`), and written IMPORT_BATCH_ROWS at a time, each batch in its own transaction with its audit entries:
   * bad rows are reported and the others land. A problem of the file as a whole found before any row (not CSV
   * text, no known column, empty) is a 400 `{"file": [...]}` and changes nothing. A problem that stops the reading
   * later (a quote that breaks the CSV at line N, an upload cut short or over the size limit) imports the rows
   * before it and answers a 400 `InventoryCsvImportStoppedDto`: its counts say what landed. A database failure
   * is a 500; the batches committed before it stay.
   */
  async importCsv(actor: Actor, file: Readable): Promise<InventoryCsvImportDto> {
    const progress: ImportProgress = {
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      uidLines: new Map(),
      productsByTitle: new Map(),
    };
    let columns: Array<CsvColumn | null> | null = null;
    let bytesRead = 0;
    const pending: CsvRow[] = [];
    const starts = new RecordStarts();
    // Records are taken as csv-parse makes them (on_record, synchronously within write()), not from its readable side,
    // whose buffered records a parse error would discard: every row before a broken line is seen.
    const parsed: Array<{ record: string[]; info: Info }> = [];
    let parseError: unknown = null;
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARACTERS,
      on_record: (record: string[], info: Info) => {
        parsed.push({ record, info });
        return undefined;
      },
    });
    parser.on('error', (error) => (parseError ??= error));
    // A batch is validated while the one before it is written: the two run at once, at most two batches in memory.
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = await this.prepareBatch(pending.splice(0), progress);
      await writing;
      writing = this.writeBatch(actor, batch, progress).catch((error: unknown) => {
        throw new BatchFailed(error);
      });
      writing.catch(() => undefined); // seen by the next flush, or at the end
    };
    const takeParsed = async () => {
      for (const { record, info } of parsed.splice(0)) {
        const line = starts.startOf(info);
        if (columns === null) {
          const header = csvHeader(record);
          if ('problem' in header) throw new ValidationFailed({ file: [header.problem] });
          columns = header.columns;
          continue;
        }
        if (record.every((cell) => cell === '')) continue; // a spreadsheet's trailing blank row
        const problem =
          record.length === columns.length
            ? undefined
            : { non_field_errors: [`The row has ${record.length} cells; the header row has ${columns.length}.`] };
        pending.push({ line, cells: rowCells(columns, record), problem });
        if (pending.length >= IMPORT_BATCH_ROWS) await flush();
      }
    };
    let stopped: string | null = null;
    try {
      // The upload is read a chunk at a time, the next one only once the rows of this one are handed to a write (backpressure).
      for await (const chunk of file as AsyncIterable<Buffer>) {
        if (bytesRead === 0 && chunk.length > 0 && !isTextStart(chunk)) throw new ValidationFailed({ file: [NOT_CSV] });
        bytesRead += chunk.length;
        parser.write(chunk);
        await takeParsed();
        if (parseError !== null) throw parseError;
      }
      await new Promise<void>((resolve) => parser.end(resolve));
      await takeParsed();
      if (parseError !== null) throw parseError;
    } catch (error) {
      if (error instanceof BatchFailed) throw error.reason;
      if (error instanceof ApiError) throw error;
      stopped = readProblem(error, columns === null);
    } finally {
      parser.destroy();
    }
    if (columns === null)
      throw new ValidationFailed({ file: [stopped ?? (bytesRead === 0 ? UploadMsg.empty : 'The file has no header row.')] });
    try {
      await flush();
      await writing;
    } catch (error) {
      throw error instanceof BatchFailed ? error.reason : error;
    }
    const result: InventoryCsvImportDto = {
      created_count: progress.created,
      updated_count: progress.updated,
      unchanged_count: progress.unchanged,
      failed_count: progress.failed,
      errors: progress.errors,
    };
    if (stopped !== null) throw new ApiError({ file: [stopped], ...result } satisfies InventoryCsvImportStoppedDto, 400);
    return result;
  }

  /** Validates a batch of rows as the API does: the rows to write, and the problems of the others. */
  private async prepareBatch(rows: CsvRow[], progress: ImportProgress): Promise<PreparedBatch> {
    const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, failedLines: new Set(), errors: [], newProducts: new Map() };
    const reject = (line: number, errors: FieldErrors) => {
      outcome.failedLines.add(line);
      outcome.errors.push(...rowErrors(line, errors));
    };
    const updates = new Map<string, ValidRow<UpdateInventoryItemDto>>();
    const creates: Array<ValidRow<CreateInventoryItemDto>> = [];
    for (const { line, cells, problem } of rows) {
      if (problem) {
        reject(line, problem);
        continue;
      }
      const { uid, input, errors } = csvRowInput(cells);
      if (uid !== null) {
        const firstLine = progress.uidLines.get(uid);
        if (firstLine !== undefined) {
          reject(line, { uid: [`This item is already on line ${firstLine} of the file; each item may appear once.`] });
          continue;
        }
        progress.uidLines.set(uid, line);
      }
      const validated = validateInput<InventoryItemFieldsDto>(uid === null ? CreateInventoryItemDto : UpdateInventoryItemDto, input);
      if ('errors' in validated || Object.keys(errors).length > 0) {
        reject(line, { ...errors, ...('errors' in validated ? validated.errors : {}) });
        continue;
      }
      const references = await this.itemTypeReference(validated.value);
      if ('errors' in references) {
        reject(line, references.errors);
        continue;
      }
      const valid = { line, input: validated.value, references };
      if (uid === null) creates.push(valid as ValidRow<CreateInventoryItemDto>);
      else updates.set(uid, valid as ValidRow<UpdateInventoryItemDto>);
    }
    return { updates, creates, outcome, reject };
  }

  /** Writes a prepared batch in one transaction, then adds what it did to the import's progress; database failures are thrown. */
  private async writeBatch(actor: Actor, batch: PreparedBatch, progress: ImportProgress): Promise<void> {
    const { outcome } = batch;
    await this.db.transaction(() => this.writeRows(actor, batch, progress));
    progress.created += outcome.created;
    progress.updated += outcome.updated;
    progress.unchanged += outcome.unchanged;
    progress.failed += outcome.failedLines.size;
    listErrors(
      progress,
      outcome.errors.sort((a, b) => a.row - b.row),
    );
    for (const [title, product] of outcome.newProducts) progress.productsByTitle.set(title, product);
  }

  private async writeRows(actor: Actor, { updates, creates, outcome, reject }: PreparedBatch, progress: ImportProgress): Promise<void> {
    const { auth } = actor;
    const now = new Date();
    const productUids = [...updates.values(), ...creates].flatMap((row) => (row.input.product_uid ? [row.input.product_uid] : []));
    const [items, products] = await Promise.all([
      this.items.lockMany(auth.organizationId, [...updates.keys()], 'live'),
      this.products.forInventoryMany(auth, [...new Set(productUids)]),
    ]);
    const itemsByUid = new Map(items.map((item) => [item.uid, item]));
    const productOf = (row: ValidRow<CreateInventoryItemDto | UpdateInventoryItemDto>) => {
      const uid = row.input.product_uid;
      if (uid === undefined) return undefined;
      const product = products.get(uid);
      if (!product) reject(row.line, { product_uid: [`Product "${uid}" does not exist.`] });
      return product ?? null;
    };

    const changed: Array<{ item: InventoryItem; columns: Partial<InventoryItem>; changes: FieldChanges; line: number }> = [];
    for (const [uid, row] of updates) {
      const item = itemsByUid.get(uid);
      if (!item) {
        reject(row.line, { uid: [`Item "${uid}" does not exist.`] });
        continue;
      }
      const product = productOf(row);
      if (product === null) continue;
      const planned = itemUpdate(item, row.input, { ...row.references, productId: product?.id }, now);
      if ('errors' in planned) reject(row.line, planned.errors);
      else if (Object.keys(planned.changes).length === 0) outcome.unchanged += 1;
      else changed.push({ item, columns: planned.columns, changes: planned.changes, line: row.line });
    }

    const created: Array<{ row: NewItem; line: number; status: InventoryStatus; productUid: string }> = [];
    const titled: Array<{ row: Omit<NewItem, 'productId'>; line: number; status: InventoryStatus; title: string }> = [];
    for (const row of creates) {
      const planned = newItemColumns(row.input, row.references, now);
      if ('errors' in planned) {
        reject(row.line, planned.errors);
        continue;
      }
      const base = { ...planned.columns, organizationId: auth.organizationId, userId: auth.userId };
      const status = planned.columns.status!;
      const product = productOf(row);
      if (product === null) continue;
      if (product) {
        created.push({ row: { ...base, productId: product.id }, line: row.line, status, productUid: product.uid });
        continue;
      }
      const title = newProductTitle(row.input);
      if (title === null) reject(row.line, { name: [NO_PRODUCT] });
      else titled.push({ row: base, line: row.line, status, title });
    }
    const missingTitles = [...new Set(titled.map((row) => row.title))].filter((title) => !progress.productsByTitle.has(title));
    const newProducts = await this.products.createManyForInventory(
      auth,
      missingTitles.map((title) => ({ title })),
    );
    missingTitles.forEach((title, index) => outcome.newProducts.set(title, newProducts[index]));
    for (const { row, line, status, title } of titled) {
      const product = progress.productsByTitle.get(title) ?? outcome.newProducts.get(title)!;
      created.push({ row: { ...row, productId: product.id }, line, status, productUid: product.uid });
    }

    created.sort((a, b) => a.line - b.line); // in the order of the file, as their created timestamps and ids will read
    const inserted = await this.items.insertMany(
      auth.organizationId,
      created.map(({ row }) => row),
    );
    await this.items.updateEach(
      auth.organizationId,
      BATCH_PROPERTIES,
      changed.map(({ item, columns }) => ({ ...item, ...columns })),
    );
    const titles = await this.listQuery.titles(auth.organizationId, [
      ...inserted.map((item) => item.id),
      ...changed.map(({ item }) => item.id),
    ]);
    const entry = (id: string, audit: AuditEntry) => ({
      item: { organizationId: auth.organizationId, id, title: titles.get(id) ?? '' },
      entry: audit,
    });
    await this.audit.recordMany(actor, [
      ...created.map(({ line, status, productUid }, index) =>
        entry(inserted[index].id, {
          action: 'create',
          message: `Created with status ${statusDisplay(status)}.`,
          statusAfter: status,
          metadata: { product_uid: productUid, csv_line: line },
        }),
      ),
      ...changed.map(({ item, columns, changes, line }) =>
        entry(item.id, {
          ...describeUpdate(changes),
          statusBefore: item.status,
          statusAfter: statusAfter(item, columns),
          metadata: { changes, csv_line: line },
        }),
      ),
    ]);
    await this.activity.record(
      ...created.map(({ status }, index) =>
        itemCreatedActivity(
          auth,
          { uid: inserted[index].uid, title: titles.get(inserted[index].id) ?? '', status },
          { source: 'csv_import' },
        ),
      ),
      ...priceChangedActivities(
        auth,
        changed.map(({ item, columns }) => ({
          uid: item.uid,
          title: titles.get(item.id) ?? '',
          before: item.priceTotalUsd,
          after: 'priceTotalUsd' in columns ? (columns.priceTotalUsd ?? null) : item.priceTotalUsd,
        })),
        { source: 'csv_import' },
      ),
    );
    outcome.created = created.length;
    outcome.updated = changed.length;
  }

  /** The item type a row names, or its problem (the same check as the API's, on the cached item types). */
  private async itemTypeReference(input: InventoryItemFieldsDto): Promise<ResolvedReferences | { errors: FieldErrors }> {
    try {
      return await this.itemsService.itemTypeReference(input);
    } catch (error) {
      if (error instanceof ValidationFailed) return { errors: error.getResponse() as FieldErrors };
      throw error;
    }
  }
}

/** Adds row problems to the answer's list, which stops at MAX_LISTED_ROW_ERRORS entries. */
function listErrors(progress: ImportProgress, errors: CsvRowError[]): void {
  progress.errors.push(...errors.slice(0, Math.max(0, MAX_LISTED_ROW_ERRORS - progress.errors.length)));
}

/** Why the file could not be read on, from the error its stream failed with. */
function readProblem(error: unknown, inHeader: boolean): string {
  if (error instanceof UploadTooLarge) return error.message;
  const csvError = error as Partial<CsvError>;
  if ((typeof csvError.code === 'string' && csvError.code.startsWith('CSV_')) || csvError.code === 'INVALID_OPENING_QUOTE') {
    return inHeader ? `Not a valid CSV file: ${csvError.message}` : `Line ${csvError.lines}: ${csvError.message}`;
  }
  return `The upload ended before the file did (${(error as Error).message}).`;
}
