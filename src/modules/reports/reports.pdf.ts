import PDFDocument from 'pdfkit';

/** A column of a report table: its header, its share of the page width (fractions add up to 1), its alignment. */
export interface PdfColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface PdfTable {
  title: string;
  columns: PdfColumn[];
  rows: string[][];
  /** Printed instead of the rows when there are none. */
  empty: string;
}

/** A bar chart: one bar per entry, its height from `value`, `caption` printed under its label. */
export interface PdfChart {
  title: string;
  bars: Array<{ label: string; value: number; caption: string }>;
}

/** What a printed report shows, top to bottom: the heading, the summary figures, a chart, the tables, the definitions. */
export interface PdfReport {
  title: string;
  organization: string;
  /** The period or day it covers, in words. */
  period: string;
  generatedAt: string;
  timeZone: string;
  summary: Array<{ label: string; value: string }>;
  chart?: PdfChart;
  tables: PdfTable[];
  notes: string[];
}

const MARGIN = 50;
const ROW_HEIGHT = 16;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const BAR = '#3e7cb1';
const LOSS = '#c0392b';
/** Narrowest bar slot that gets its caption, and the width a bar label needs, in points. */
const MIN_CAPTION_WIDTH = 38;
const MIN_LABEL_WIDTH = 36;

/** The report as a PDF (A4, the standard Helvetica fonts), in memory: reports are a few pages. */
export function renderReportPdf(report: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${report.title} - ${report.organization}`, Author: report.organization, Creator: 'Instica' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(20).text(report.title, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(12).text(report.organization);
  doc.fillColor(MUTED).fontSize(10).text(`${report.period} (${report.timeZone})`);
  doc.text(`Generated ${report.generatedAt}`);
  doc.moveDown();

  heading(doc, 'Summary');
  for (const { label, value } of report.summary) {
    const y = doc.y;
    doc
      .fillColor(MUTED)
      .font('Helvetica')
      .fontSize(10)
      .text(label, MARGIN, y, { width: width * 0.6 });
    doc
      .fillColor(INK)
      .font('Helvetica-Bold')
      .text(value, MARGIN + width * 0.6, y, { width: width * 0.4, align: 'right' });
    doc.moveDown(0.2);
  }
  doc.moveDown();

  if (report.chart) barChart(doc, report.chart, width);
  for (const table of report.tables) drawTable(doc, table, width);

  if (report.notes.length > 0) {
    // The heading and its first definition on the same page.
    ensureRoom(doc, 6 * ROW_HEIGHT);
    heading(doc, 'Definitions');
    doc.fillColor(MUTED).font('Helvetica').fontSize(8);
    for (const note of report.notes) {
      ensureRoom(doc, 2 * ROW_HEIGHT);
      doc.text(note, MARGIN, doc.y, { width }).moveDown(0.3);
    }
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  ensureRoom(doc, 3 * ROW_HEIGHT);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(13).text(text, MARGIN, doc.y);
  doc.moveDown(0.3);
}

/** A new page when fewer than `height` points are left above the bottom margin. */
function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawTable(doc: PDFKit.PDFDocument, table: PdfTable, width: number): void {
  heading(doc, table.title);
  const header = () => {
    row(
      doc,
      table.columns.map((column) => column.header),
      table.columns,
      width,
      'Helvetica-Bold',
    );
    doc
      .moveTo(MARGIN, doc.y - 3)
      .lineTo(MARGIN + width, doc.y - 3)
      .strokeColor(RULE)
      .stroke();
  };
  header();
  if (table.rows.length === 0) {
    doc.fillColor(MUTED).font('Helvetica-Oblique').fontSize(9).text(table.empty, MARGIN, doc.y);
    doc.moveDown();
    return;
  }
  for (const cells of table.rows) {
    if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN) {
      doc.addPage();
      header();
    }
    row(doc, cells, table.columns, width, 'Helvetica');
  }
  doc.moveDown();
}

function row(doc: PDFKit.PDFDocument, cells: string[], columns: PdfColumn[], width: number, font: string): void {
  const y = doc.y;
  let x = MARGIN;
  doc.fillColor(INK).font(font).fontSize(9);
  columns.forEach((column, index) => {
    const cellWidth = column.width * width;
    doc.text(cells[index] ?? '', x + 2, y, { width: cellWidth - 4, height: ROW_HEIGHT - 4, align: column.align ?? 'left', ellipsis: true });
    x += cellWidth;
  });
  doc.x = MARGIN;
  doc.y = y + ROW_HEIGHT;
}

/**
 * Bars up from a zero line (down for a negative value: a month at a loss), each captioned with its figure where there is
 * room; with many bars only every few labels are printed, so that they do not run into each other.
 */
function barChart(doc: PDFKit.PDFDocument, chart: PdfChart, width: number): void {
  const plotHeight = 120;
  const captionRoom = 12;
  heading(doc, chart.title);
  ensureRoom(doc, plotHeight + 3 * ROW_HEIGHT);
  const top = doc.y;
  const values = chart.bars.map((bar) => bar.value);
  const highest = Math.max(0, ...values);
  const lowest = Math.min(0, ...values);
  const usable = plotHeight - captionRoom - (lowest < 0 ? captionRoom : 0);
  const scale = highest === lowest ? 0 : usable / (highest - lowest);
  const zero = top + captionRoom + highest * scale;
  const baseline = top + plotHeight;
  const slot = width / Math.max(1, chart.bars.length);
  const labelEvery = Math.ceil(MIN_LABEL_WIDTH / slot);
  chart.bars.forEach((bar, index) => {
    const x = MARGIN + index * slot;
    const height = Math.abs(bar.value) * scale;
    if (height > 0) {
      doc
        .rect(x + slot * 0.15, bar.value >= 0 ? zero - height : zero, slot * 0.7, height)
        .fillColor(bar.value >= 0 ? BAR : LOSS)
        .fill();
    }
    if (slot >= MIN_CAPTION_WIDTH) {
      doc
        .fillColor(INK)
        .font('Helvetica-Bold')
        .fontSize(7)
        .text(bar.caption, x, bar.value >= 0 ? zero - height - 10 : zero + height + 2, { width: slot, align: 'center', lineBreak: false });
    }
    if (index % labelEvery === 0) {
      doc
        .fillColor(INK)
        .font('Helvetica')
        .fontSize(8)
        .text(bar.label, x, baseline + 4, { width: slot * labelEvery, align: labelEvery > 1 ? 'left' : 'center', lineBreak: false });
    }
  });
  doc
    .moveTo(MARGIN, zero)
    .lineTo(MARGIN + width, zero)
    .strokeColor(RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = baseline + 2 * ROW_HEIGHT;
}
