// The raw baseline of bench/digital-assets.mjs: plain node:http streaming one file from disk, nothing else.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.env.RAW_FILE;
const { size } = statSync(file);
createServer((request, response) => {
  if (request.url === '/ready') return response.end('ok');
  response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size });
  createReadStream(file).pipe(response);
}).listen(Number(process.env.PORT), '127.0.0.1');
