import { Controller, HttpCode, Module, Post, Req } from '@nestjs/common';
import { APP_FILTER, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ApiExceptionFilter } from '../errors/api-exception.filter.js';
import { Msg } from '../errors/messages.js';
import { consumeUploadedForm, describeSize, MAX_FORM_FIELDS, readUploadedFile, readUploadedFiles, UploadMsg } from './multipart.js';

const MAX_BYTES = 4096;
const MAX_FILES = 3;

@Controller('upload')
class UploadController {
  @Post()
  @HttpCode(200)
  async upload(@Req() request: FastifyRequest) {
    const file = await readUploadedFile(request, 'image', MAX_BYTES);
    return { size: file.data.length, text: file.data.toString('latin1'), file_name: file.fileName, declared_type: file.declaredType };
  }

  @Post('many')
  @HttpCode(200)
  async uploadMany(@Req() request: FastifyRequest) {
    const form = await readUploadedFiles(request, ['file', 'files'], MAX_BYTES, MAX_FILES);
    return {
      files: form.files.map((file) => ({
        field: file.field,
        size: file.data.length,
        text: file.data.toString('latin1'),
        file_name: file.fileName,
        problem: file.problem,
      })),
      fields: form.fields,
    };
  }
}

/** What the form route's `onRefused` was given: the consumed files a caller would remove. */
const refusedFiles: string[] = [];

@Controller('upload')
class FormUploadController {
  @Post('form')
  @HttpCode(200)
  async uploadForm(@Req() request: FastifyRequest) {
    const { value, fields } = await consumeUploadedForm(
      request,
      'file',
      MAX_BYTES,
      async (file, info) => {
        const chunks: Buffer[] = [];
        for await (const chunk of file) chunks.push(chunk as Buffer);
        return { size: Buffer.concat(chunks).length, file_name: info.fileName };
      },
      async (consumed) => {
        refusedFiles.push(consumed.file_name);
      },
    );
    return { ...value, fields };
  }
}

@Module({ controllers: [UploadController, FormUploadController], providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }] })
class UploadTestModule {}

function form(...entries: Array<[string, string | Blob, string?]>): FormData {
  const body = new FormData();
  for (const [name, value, fileName] of entries) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, fileName);
  }
  return body;
}

const blob = (bytes: number | string, type = 'image/jpeg') =>
  new Blob([typeof bytes === 'string' ? bytes : Buffer.alloc(bytes, 0x61)], { type });

describe('readUploadedFile (over HTTP, as createApp registers multipart)', () => {
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      UploadTestModule,
      new FastifyAdapter({ multipart: { limits: { files: 1, fileSize: 1024 * 1024 } } }),
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${await app.getUrl()}/upload`;
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(body: string | FormData, headers: Record<string, string> = {}, path = '') {
    const response = await fetch(`${url}${path}`, { method: 'POST', body, headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('reads the file of the field, whatever else the form has', async () => {
    const response = await post(form(['note', 'hello'], ['image', blob('JPEG bytes'), 'cover.jpg'], ['after', 'x']));
    expect(response).toEqual({
      status: 200,
      body: { size: 10, text: 'JPEG bytes', file_name: 'cover.jpg', declared_type: 'image/jpeg' },
    });
  });

  it('takes a file of exactly the limit', async () => {
    expect((await post(form(['image', blob(MAX_BYTES), 'big.jpg']))).body).toMatchObject({ size: MAX_BYTES });
  });

  it('says when the field has no file', async () => {
    expect(await post(form(['other', blob(10), 'a.jpg']))).toEqual({ status: 400, body: { image: [UploadMsg.missing] } });
    expect(await post(form(['note', 'x']))).toEqual({ status: 400, body: { image: [UploadMsg.missing] } });
    // What a browser sends for a file input left empty.
    const emptyInput =
      '--b\r\nContent-Disposition: form-data; name="image"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n';
    expect(await post(emptyInput, { 'content-type': 'multipart/form-data; boundary=b' })).toEqual({
      status: 400,
      body: { image: [UploadMsg.missing] },
    });
    expect(await post(form(['image', 'just text']))).toEqual({ status: 400, body: { image: [UploadMsg.notAFile] } });
    expect(await post(form(['image', blob(0), 'empty.jpg']))).toEqual({ status: 400, body: { image: [UploadMsg.empty] } });
  });

  it('refuses a file over the limit with a 400 on the field, even a much larger one', async () => {
    const tooLarge = { status: 400, body: { image: ['The file is larger than 4 KB.'] } };
    expect(await post(form(['image', blob(MAX_BYTES + 1), 'big.jpg']))).toEqual(tooLarge);
    expect(await post(form(['image', blob(5 * 1024 * 1024), 'huge.jpg']))).toEqual(tooLarge);
    // The app still serves the next upload on a fresh connection.
    expect((await post(form(['image', blob(3), 'a.jpg']))).status).toBe(200);
  });

  it('refuses a request that is not multipart', async () => {
    const expected = { status: 400, body: { non_field_errors: [UploadMsg.notMultipart] } };
    expect(await post(JSON.stringify({ image: 'x' }), { 'content-type': 'application/json' })).toEqual(expected);
    expect(await post('image=x', { 'content-type': 'text/plain' })).toEqual(expected);
  });

  it('refuses more than one file', async () => {
    const response = await post(form(['image', blob(3), 'a.jpg'], ['image', blob(3), 'b.jpg']));
    expect(response).toEqual({ status: 400, body: { non_field_errors: [UploadMsg.oneFile] } });
  });

  it('refuses a null character in a text field, a file name or a field name with a 400 on that field', async () => {
    const multipart = (parts: string) => post(`${parts}--b--\r\n`, { 'content-type': 'multipart/form-data; boundary=b' });
    const filePart = (fileName: string) =>
      `--b\r\nContent-Disposition: form-data; name="image"; filename="${fileName}"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n`;
    const textPart = (name: string, value: string) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const refused = (field: string) => ({ status: 400, body: { [field]: [Msg.nullCharacter] } });
    expect(await multipart(textPart('note', 'a\u0000b') + filePart('a.jpg'))).toEqual(refused('note'));
    expect(await multipart(filePart('a\u0000.jpg'))).toEqual(refused('image'));
    expect(await multipart(filePart('a.jpg') + textPart('no\u0000te', 'x'))).toEqual(refused('non_field_errors'));
    expect((await multipart(textPart('note', 'fine') + filePart('a.jpg'))).status).toBe(200);
  });

  it('answers a malformed body with a 400 parse error', async () => {
    const boundary = 'XyZ';
    const broken = `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.jpg"\r\n\r\nabc`;
    const response = await post(broken, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/^Multipart form parse error - /);
    const noBoundary = await post('x', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.status).toBe(400);
    expect(noBoundary.body.detail).toMatch(/^Multipart form parse error - /);
  });
});

describe('readUploadedFiles (over HTTP, as createApp registers multipart)', () => {
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      UploadTestModule,
      new FastifyAdapter({ multipart: { limits: { files: 1, fileSize: 1024 * 1024 } } }),
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${await app.getUrl()}/upload/many`;
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(body: string | FormData, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method: 'POST', body, headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('reads the files of the fields in the order sent, and the text fields', async () => {
    // A file of another field is dropped, but counts as one of the MAX_FILES file parts.
    const response = await post(
      form(
        ['files', blob('one'), 'a.jpg'],
        ['type', 'photo'],
        ['other', blob('dropped'), 'c.jpg'],
        ['file', blob('three'), 'd.jpg'],
        ['type', 'label'],
        ['description', ''],
      ),
    );
    expect(response).toEqual({
      status: 200,
      body: {
        files: [
          { field: 'files', size: 3, text: 'one', file_name: 'a.jpg', problem: null },
          { field: 'file', size: 5, text: 'three', file_name: 'd.jpg', problem: null },
        ],
        fields: { type: 'label', description: '' },
      },
    });
  });

  it('returns a file too large or empty with its problem, and keeps reading the others', async () => {
    const response = await post(
      form(['files', blob(MAX_BYTES + 1), 'big.jpg'], ['files', blob(0), 'empty.jpg'], ['files', blob(MAX_BYTES), 'max.jpg']),
    );
    expect(response.status).toBe(200);
    expect(response.body.files).toEqual([
      { field: 'files', size: 0, text: '', file_name: 'big.jpg', problem: 'The file is larger than 4 KB.' },
      { field: 'files', size: 0, text: '', file_name: 'empty.jpg', problem: UploadMsg.empty },
      { field: 'files', size: MAX_BYTES, text: 'a'.repeat(MAX_BYTES), file_name: 'max.jpg', problem: null },
    ]);
  });

  it('skips an empty file input, and returns no files when none was sent', async () => {
    const emptyInput =
      '--b\r\nContent-Disposition: form-data; name="files"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n' +
      '--b\r\nContent-Disposition: form-data; name="type"\r\n\r\nphoto\r\n--b--\r\n';
    expect(await post(emptyInput, { 'content-type': 'multipart/form-data; boundary=b' })).toEqual({
      status: 200,
      body: { files: [], fields: { type: 'photo' } },
    });
  });

  it('refuses more file parts than the limit, text in a file field, and too many text fields', async () => {
    const tooMany = form(...Array.from({ length: MAX_FILES + 1 }, (_, i) => ['files', blob(3), `${i}.jpg`] as [string, Blob, string]));
    expect(await post(tooMany)).toEqual({ status: 400, body: { non_field_errors: [UploadMsg.tooManyFiles(MAX_FILES)] } });
    const atLimit = form(...Array.from({ length: MAX_FILES }, (_, i) => ['files', blob(3), `${i}.jpg`] as [string, Blob, string]));
    expect((await post(atLimit)).status).toBe(200);
    expect(await post(form(['files', 'just text']))).toEqual({ status: 400, body: { files: [UploadMsg.notAFile] } });
    const fields = form(...Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, i) => [`f${i}`, 'x'] as [string, string]));
    expect(await post(fields)).toEqual({ status: 400, body: { non_field_errors: [UploadMsg.tooManyParts] } });
  });

  it('refuses a request that is not multipart, and a null character as readUploadedFile does', async () => {
    expect(await post(JSON.stringify({ file: 'x' }), { 'content-type': 'application/json' })).toEqual({
      status: 400,
      body: { non_field_errors: [UploadMsg.notMultipart] },
    });
    expect(await post(form(['type', 'a\u0000b'], ['files', blob(3), 'a.jpg']))).toEqual({
      status: 400,
      body: { type: [Msg.nullCharacter] },
    });
  });
});

describe('consumeUploadedForm (over HTTP, as createApp registers multipart)', () => {
  let app: NestFastifyApplication;
  let url: string;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(
      UploadTestModule,
      new FastifyAdapter({ multipart: { limits: { files: 1, fileSize: 1024 * 1024 } } }),
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `${await app.getUrl()}/upload/form`;
  });
  afterAll(async () => {
    await app.close();
  });

  async function post(body: FormData) {
    const response = await fetch(url, { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('streams the file and keeps the text fields sent before and after it', async () => {
    const response = await post(form(['before', 'b'], ['file', blob(100), 'album.zip'], ['display_name', 'Album'], ['description', 'd']));
    expect(response).toEqual({
      status: 200,
      body: { size: 100, file_name: 'album.zip', fields: { before: 'b', display_name: 'Album', description: 'd' } },
    });
  });

  it('says when no file was sent, and refuses a null character or a second file after the file through onRefused', async () => {
    expect(await post(form(['display_name', 'x']))).toEqual({ status: 400, body: { file: [UploadMsg.missing] } });
    const response = await post(form(['file', blob(10), 'late.zip'], ['display_name', 'a\u0000b']));
    expect(response).toEqual({ status: 400, body: { display_name: [Msg.nullCharacter] } });
    expect(refusedFiles).toEqual(['late.zip']);
    const second = await post(form(['file', blob(10), 'first.zip'], ['other', blob(5), 'second.bin']));
    expect(second).toEqual({ status: 400, body: { non_field_errors: [UploadMsg.oneFile] } });
    expect(refusedFiles).toEqual(['late.zip', 'first.zip']);
  });
});

describe('describeSize', () => {
  it('words a limit in binary units', () => {
    expect(describeSize(10 * 1024 * 1024)).toBe('10 MB');
    expect(describeSize(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(describeSize(1024)).toBe('1 KB');
    expect(describeSize(900)).toBe('900 bytes');
  });
});
