import { CSV_COLUMNS, INVENTORY_STATUS_CODES } from '../inventory/index.js';
import type { ReportParameterDto, ReportTypeDto } from './dto/reports.dto.js';
import { DEFAULT_PERIOD_DAYS, REPORT_FORMATS } from './reports.rules.js';

const FORMAT: ReportParameterDto = {
  name: 'format',
  type: 'string',
  description: '`json` (default) or `pdf`, a printable report.',
  choices: [...REPORT_FORMATS],
};

/** The parameters of a report over a period of local days. */
const PERIOD_PARAMETERS: ReportParameterDto[] = [
  {
    name: 'start_date',
    type: 'date',
    description: `First day of the period, YYYY-MM-DD (default: ${DEFAULT_PERIOD_DAYS - 1} days before end_date).`,
    choices: null,
  },
  { name: 'end_date', type: 'date', description: 'Last day of the period, YYYY-MM-DD, included (default: today).', choices: null },
  FORMAT,
];

/** The reports available now, as `GET /api/v1/reports/` lists them (`path` under `/api/v1/reports/`). */
export const REPORT_CATALOGUE: Array<Omit<ReportTypeDto, 'url'> & { path: string }> = [
  {
    type: 'inventory_summary',
    name: 'Inventory summary',
    description: 'The items that came into stock in a period: what became of them, what they cost, what is listed, the potential profit.',
    path: 'inventory-summary/',
    formats: [...REPORT_FORMATS],
    parameters: PERIOD_PARAMETERS,
  },
  {
    type: 'inventory_valuation',
    name: 'Inventory valuation',
    description: 'What the stock cost and is worth, by status and by category, with the most valuable items.',
    path: 'inventory-valuation/',
    formats: [...REPORT_FORMATS],
    parameters: [
      { name: 'include_sold', type: 'boolean', description: 'Count sold items too (default false).', choices: ['true', 'false'] },
      FORMAT,
    ],
  },
  {
    type: 'profit_loss',
    name: 'Profit and loss',
    description: 'The sales of a period: what they brought, the fees, shipping and item costs, the profit per month and the best sales.',
    path: 'profit-loss/',
    formats: [...REPORT_FORMATS],
    parameters: PERIOD_PARAMETERS,
  },
  {
    type: 'aging',
    name: 'Inventory aging',
    description: 'How long the stock has been waiting: items, cost and value per age bucket, and the oldest items.',
    path: 'aging/',
    formats: [...REPORT_FORMATS],
    parameters: [FORMAT],
  },
  {
    type: 'inventory_csv',
    name: 'Inventory CSV export',
    description: 'The items as a CSV file with the columns chosen, streamed.',
    path: 'export/csv/',
    formats: ['csv'],
    parameters: [
      {
        name: 'status',
        type: 'list',
        description: 'Only items in these statuses (comma-separated; default: all).',
        choices: [...INVENTORY_STATUS_CODES],
      },
      { name: 'search', type: 'string', description: 'Only items matching this text, as the inventory list searches.', choices: null },
      { name: 'fields', type: 'list', description: 'The columns, in order (comma-separated; default: all).', choices: [...CSV_COLUMNS] },
    ],
  },
];
