import type { DownloadPageDto } from './dto/download-page.dto.js';
import { escapeHtml, humanSize } from './digital.rules.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}li{margin:.75rem 0}small{color:#555}';

function document(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`
  );
}

/** The download page a buyer's browser shows: the product, each file with its size and downloads left, the expiry. */
export function downloadPageHtml(page: DownloadPageDto): string {
  const files = page.assets
    .map((asset) => {
      const left = asset.downloads_remaining;
      const link =
        left > 0
          ? `<a href="${escapeHtml(asset.download_url)}" download>${escapeHtml(asset.display_name)}</a>`
          : escapeHtml(asset.display_name);
      const description = asset.description ? `<br>${escapeHtml(asset.description)}` : '';
      return (
        `<li>${link}${description}<br><small>${escapeHtml(asset.file_name)}, ${humanSize(asset.size_bytes)}, ` +
        `${left} download${left === 1 ? '' : 's'} left</small></li>`
      );
    })
    .join('');
  return document(
    page.product.title,
    `<h1>${escapeHtml(page.product.title)}</h1>` +
      (page.buyer_name ? `<p>Thank you, ${escapeHtml(page.buyer_name)}.</p>` : '') +
      (files ? `<ul>${files}</ul>` : '<p>There are no files to download yet.</p>') +
      `<p><small>This link works until ${page.expires_at.slice(0, 10)}; each file can be downloaded ${page.download_limit} times. ` +
      `An interrupted download resumes without counting again.</small></p>`,
  );
}

/** The page a browser shows instead of the download page when the link cannot be used. */
export function linkProblemHtml(message: string): string {
  return document('Download unavailable', `<h1>Download unavailable</h1><p>${escapeHtml(message)}</p>`);
}
