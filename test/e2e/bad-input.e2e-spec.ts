import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const document = JSON.parse(readFileSync(join(process.cwd(), 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const NULL_TEXT = 'a\u0000b';
const REFUSED = ['Null characters are not allowed.'];

function resolve(schema: Schema): Schema {
  return schema.$ref ? resolve(document.components.schemas[schema.$ref.replace('#/components/schemas/', '')]) : schema;
}

/** The properties of a body schema, `$ref`s followed and `allOf` parts merged. */
function propertiesOf(schema: Schema): Record<string, Schema> {
  const resolved = resolve(schema);
  const merged = Object.fromEntries(Object.entries(resolved.properties ?? {}).map(([name, property]) => [name, resolve(property)]));
  return Object.assign(merged, ...(resolved.allOf ?? []).map(propertiesOf));
}

/** A value of the property's type carrying a null character: a string, or a list of strings. */
function nullCharacterValue(property: Schema): unknown {
  if (property.type === 'string') return NULL_TEXT;
  if (property.type === 'array' && property.items && resolve(property.items).type === 'string') return [NULL_TEXT];
  return undefined;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Case {
  method: Method;
  path: string;
  name: string;
}
interface BodyCase extends Case {
  value: unknown;
}

const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ method: method as Method, path, operation })),
);
const bodyCases: BodyCase[] = operations.flatMap(({ method, path, operation }) => {
  const schema = operation.requestBody?.content['application/json']?.schema;
  if (!schema) return [];
  return Object.entries(propertiesOf(schema)).flatMap(([name, property]) => {
    const value = nullCharacterValue(property);
    return value === undefined ? [] : [{ method, path, name, value }];
  });
});
const parameterCases = (location: string): Case[] =>
  operations.flatMap(({ method, path, operation }) =>
    (operation.parameters ?? []).filter((parameter) => parameter.in === location).map(({ name }) => ({ method, path, name })),
  );
const queryCases = parameterCases('query');
const pathCases = parameterCases('path');

const label = ({ method, path, name }: Case) => `${method.toUpperCase()} ${path} ${name}`;

/** Sends one raw header line, bytes as given, which Node's HTTP client would refuse to send. */
function rawStatusLine(baseUrl: string, headerLine: Buffer): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        Buffer.concat([
          Buffer.from(`GET /api/v1/user/me/ HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n`),
          headerLine,
          Buffer.from('\r\n\r\n'),
        ]),
      );
    });
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolvePromise(answer.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

describe('Null characters and odd bytes in any input (e2e)', () => {
  let t: TestApp;
  let seller: Account;
  let productUid: string;
  let productBefore: unknown;
  beforeAll(async () => {
    t = await createTestApp();
    seller = await registerAccount(t.api);
    productUid = (await t.api.post('/api/v1/products/').set(seller.auth).send({ title: 'x' }).expect(201)).body.uid;
    productBefore = (await t.api.get(`/api/v1/products/${productUid}/`).set(seller.auth).expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
  });

  /** The path with `{uid}` at the seller's product and any other parameter at a placeholder id. */
  const urlOf = (path: string, override: Record<string, string> = {}) =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(override[name] ?? (name === 'uid' ? productUid : '1')));

  it('finds operations to sweep in the committed document', () => {
    expect(bodyCases.length).toBeGreaterThan(10);
    expect(queryCases.length).toBeGreaterThan(5);
    expect(pathCases.length).toBeGreaterThan(5);
  });

  it.each(bodyCases.map((bodyCase) => [label(bodyCase), bodyCase] as const))(
    'refuses a JSON body field: %s',
    async (_, { method, path, name, value }) => {
      const response = await t.api[method](urlOf(path))
        .set(seller.auth)
        .send({ [name]: value });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ [name]: REFUSED });
    },
  );

  it.each(queryCases.map((queryCase) => [label(queryCase), queryCase] as const))(
    'refuses a query parameter: %s',
    async (_, { method, path, name }) => {
      const response = await t.api[method](`${urlOf(path)}?${name}=${encodeURIComponent(NULL_TEXT)}`).set(seller.auth);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ [name]: REFUSED });
    },
  );

  it.each(['/api/health/', '/api/v1/user/me/', '/api/v1/platforms/', '/api/v1/inventory/choices/conditions/'])(
    'refuses, as the contract declares, a null character in a query parameter the operation does not read: GET %s',
    async (path) => {
      const response = await t.api.get(`${path}?unread=${encodeURIComponent(NULL_TEXT)}`).set(seller.auth);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ unread: REFUSED });
    },
  );

  it.each(pathCases.map((pathCase) => [label(pathCase), pathCase] as const))(
    'answers a path parameter with a 404: %s',
    async (_, { method, path, name }) => {
      const response = await t.api[method](urlOf(path, { [name]: `prod_${NULL_TEXT}` })).set(seller.auth);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ detail: 'Not found.' });
    },
  );

  it('changed nothing while refusing', async () => {
    expect((await t.api.get(`/api/v1/products/${productUid}/`).set(seller.auth).expect(200)).body).toEqual(productBefore);
    expect((await t.api.get('/api/v1/products/').set(seller.auth).expect(200)).body.count).toBe(1);
    expect((await t.api.get('/api/v1/api-keys/').set(seller.auth).expect(200)).body.count).toBe(0);
    expect((await t.api.get(`/api/v1/products/${productUid}/marketplace-presences/`).set(seller.auth).expect(200)).body).toEqual([]);
  });

  it('refuses a null character in a key: nested on the field, top-level on non_field_errors', async () => {
    const nested = await t.api
      .patch(`/api/v1/products/${productUid}/`)
      .set(seller.auth)
      .send({ collections: { [NULL_TEXT]: 1 } });
    expect(nested.status).toBe(400);
    expect(nested.body).toEqual({ collections: REFUSED });
    const topLevel = await t.api
      .patch(`/api/v1/products/${productUid}/`)
      .set(seller.auth)
      .send({ [NULL_TEXT]: 'x' });
    expect(topLevel.status).toBe(400);
    expect(topLevel.body).toEqual({ non_field_errors: REFUSED });
  });

  it('refuses a null character in a form-encoded body as in a JSON one', async () => {
    const response = await t.api
      .post('/api/v1/products/')
      .set(seller.auth)
      .type('form')
      .send(`title=${encodeURIComponent(NULL_TEXT)}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ title: REFUSED });
  });

  it('refuses a null character in a multipart text field or file name on that field', async () => {
    const image = `/api/v1/products/${productUid}/image/`;
    const textField = await t.api
      .post(image)
      .set(seller.auth)
      .field('note', NULL_TEXT)
      .attach('image', Buffer.from('not an image'), 'a.jpg');
    expect(textField.status).toBe(400);
    expect(textField.body).toEqual({ note: REFUSED });
    const fileName = await t.api.post(image).set(seller.auth).attach('image', Buffer.from('not an image'), `cover${NULL_TEXT}.jpg`);
    expect(fileName.status).toBe(400);
    expect(fileName.body).toEqual({ image: REFUSED });
  });

  it('answers odd bytes in credentials with a 401', async () => {
    const bearer = await t.api.get('/api/v1/user/me/').set('Authorization', 'Bearer a\u00ff\u00feb');
    expect(bearer.status).toBe(401);
    const apiKey = await t.api.get('/api/v1/user/me/').set('X-API-Key', 'ik_\u00ff\u00fe.secret');
    expect(apiKey.status).toBe(401);
  });

  it("leaves a null character in a header to Node's HTTP parser, which answers 400 before the app runs", async () => {
    for (const header of ['X-API-Key: ik_a\u0000b.secret', 'Authorization: Bearer a\u0000b']) {
      expect(await rawStatusLine(t.api.baseUrl, Buffer.from(header, 'latin1'))).toBe('HTTP/1.1 400 Bad Request');
    }
    await t.api.get('/api/v1/user/me/').set(seller.auth).expect(200);
  });
});
