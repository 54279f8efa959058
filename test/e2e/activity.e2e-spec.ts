import { atFixedOffset, dayIn, shiftDay } from '../support/local-time.js';
import { createTestApp, registerAccount, type Account, type TestApp } from '../support/test-app.js';

const RECENT = '/api/v1/activity/recent/';
const STATS = '/api/v1/activity/stats/';
const SERIES = '/api/v1/analytics/activity/';
const HEATMAP = '/api/v1/analytics/activity/heatmap/';
/** Tokyo keeps UTC+9 all year: its local days are fixed instants. */
const TOKYO = 'Asia/Tokyo';

const isoWeekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay() || 7;

interface Arranged {
  type: string;
  /** Local day in Tokyo, as days before today there. */
  daysAgo: number;
  time: string;
}

describe('Activity feed and activity analytics (e2e)', () => {
  let t: TestApp;
  /** An organization whose events are all arranged by SQL (it does nothing through the API that writes activity). */
  let arranged: Account;
  /** An organization that acts through the API. */
  let actor: Account;
  let other: Account;
  /** Today in Tokyo when the data set was made. */
  let today: string;

  async function insertEvent(account: Account, type: string, at: Date, subjectUid = 'inv_arranged'): Promise<void> {
    await t.sql(
      `INSERT INTO activity_events (uid, organization_id, user_id, event_type, subject_type, subject_uid, message, occurred_at)
       SELECT 'act_' || substr(md5(random()::text), 1, 16), u.organization_id, u.id, $2::varchar, 'inventory_item', $3, 'Arranged ' || $2::varchar || '.', $4
         FROM users u WHERE u.uid = $1`,
      [account.user.uid, type, subjectUid, at],
    );
  }

  const setTimeZone = (account: Account, timezone: string) =>
    t.api.patch('/api/v1/user/me/preferences/').set(account.auth).send({ timezone }).expect(200);

  const ARRANGED: Arranged[] = [
    { type: 'item_created', daysAgo: 0, time: '00:01' },
    { type: 'item_created', daysAgo: 0, time: '00:01' },
    { type: 'price_changed', daysAgo: 3, time: '10:00' },
    // The first instant of the 7 days, and the last one before them.
    { type: 'listing_created', daysAgo: 6, time: '00:00' },
    { type: 'listing_created', daysAgo: 7, time: '23:59' },
    // The first day of the 30, and the day before it.
    { type: 'export_completed', daysAgo: 29, time: '00:00' },
    { type: 'export_completed', daysAgo: 30, time: '23:59' },
    { type: 'item_sold', daysAgo: 40, time: '12:00' },
  ];

  beforeAll(async () => {
    t = await createTestApp();
    [arranged, actor, other] = await Promise.all([1, 2, 3].map(() => registerAccount(t.api)));
    today = dayIn(TOKYO);
    for (const { type, daysAgo, time } of ARRANGED) await insertEvent(arranged, type, atFixedOffset(shiftDay(today, -daysAgo), time, 9));
    // Another organization's events, on the same days: never counted.
    for (const { type, daysAgo, time } of ARRANGED) await insertEvent(other, type, atFixedOffset(shiftDay(today, -daysAgo), time, 9));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('events written by the actions', () => {
    const recent = async (type: string) =>
      (await t.api.get(`${RECENT}?event_type=${type}&page_size=100`).set(actor.auth).expect(200)).body as {
        count: number;
        results: Array<Record<string, unknown>>;
      };

    it('records a new item with what it concerns and who acted', async () => {
      const created = await t.api
        .post('/api/v1/inventory/')
        .set(actor.auth)
        .send({ name: 'Blue Train LP', status: 'ready-to-sell' })
        .expect(201);
      const events = await recent('item_created');
      expect(events.results.find((event) => (event.subject as { uid: string }).uid === created.body.uid)).toMatchObject({
        event_type: 'item_created',
        event_type_display: 'Item created',
        message: 'Created "Blue Train LP" (Ready to Sell).',
        subject: { type: 'inventory_item', uid: created.body.uid },
        platform: null,
        user_uid: actor.user.uid,
      });
    });

    it('records a price change on PATCH, and none for a change of another field', async () => {
      const created = await t.api
        .post('/api/v1/inventory/')
        .set(actor.auth)
        .send({ name: 'Kind of Blue', price_total_usd: '20.00' })
        .expect(201);
      const uid = created.body.uid as string;
      const before = (await recent('price_changed')).count;
      await t.api.patch(`/api/v1/inventory/${uid}/`).set(actor.auth).send({ notes: 'Shelf 3' }).expect(200);
      expect((await recent('price_changed')).count).toBe(before);
      await t.api.patch(`/api/v1/inventory/${uid}/`).set(actor.auth).send({ price_total_usd: '25.00' }).expect(200);
      const events = await recent('price_changed');
      expect(events.count).toBe(before + 1);
      expect(events.results[0]).toMatchObject({
        subject: { type: 'inventory_item', uid },
        message: 'Price of "Kind of Blue" changed from $20.00 to $25.00.',
        metadata: { price_before: '20.00', price_after: '25.00' },
      });
    });

    it('records one price change per item of a bulk price change, the unchanged one left out', async () => {
      const uids: string[] = [];
      for (const price of ['10.00', '12.00', '30.00']) {
        uids.push(
          (
            await t.api
              .post('/api/v1/inventory/')
              .set(actor.auth)
              .send({ name: `Bulk ${price}`, price_total_usd: price })
              .expect(201)
          ).body.uid,
        );
      }
      const before = (await recent('price_changed')).count;
      await t.api.post('/api/v1/inventory/bulk/price/').set(actor.auth).send({ items: uids, mode: 'set', value: '30.00' }).expect(200);
      const events = await recent('price_changed');
      expect(events.count).toBe(before + 2);
      const changed = events.results.slice(0, 2).map((event) => [(event.subject as { uid: string }).uid, event.message]);
      expect(changed.sort()).toEqual(
        [
          [uids[0], 'Price of "Bulk 10.00" changed from $10.00 to $30.00.'],
          [uids[1], 'Price of "Bulk 12.00" changed from $12.00 to $30.00.'],
        ].sort(),
      );
    });

    it('records a completed export once its file is written', async () => {
      const job = await t.api.post('/api/v1/exports/inventory/csv/').set(actor.auth).expect(202);
      const deadline = Date.now() + 20_000;
      let events = await recent('export_completed');
      while (events.count === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        events = await recent('export_completed');
      }
      const status = await t.api.get(`/api/v1/exports/${job.body.uid}/`).set(actor.auth).expect(200);
      expect(status.body.status).toBe('completed');
      expect(events.results[0]).toMatchObject({
        event_type: 'export_completed',
        subject: { type: 'export_job', uid: job.body.uid },
        user_uid: actor.user.uid,
        metadata: { export_type: 'inventory_csv', row_count: status.body.row_count ?? expect.any(Number) },
      });
      expect(events.results[0].message).toMatch(/^Export inventory-\d{4}-\d{2}-\d{2}\.csv is ready \(\d+ items?\)\.$/);
    });

    it('records the items a CSV import creates', async () => {
      const before = (await recent('item_created')).count;
      await t.api
        .post('/api/v1/inventory/import/csv/')
        .set(actor.auth)
        .attach('file', Buffer.from('name,status\r\nImported One,draft\r\nImported Two,draft\r\n'), 'items.csv')
        .expect(200);
      const events = await recent('item_created');
      expect(events.count).toBe(before + 2);
      expect(
        events.results
          .slice(0, 2)
          .map((event) => event.message)
          .sort(),
      ).toEqual(['Created "Imported One" (Draft).', 'Created "Imported Two" (Draft).']);
      expect(events.results[0].metadata).toMatchObject({ source: 'csv_import' });
    });
  });

  describe('GET /api/v1/activity/recent/', () => {
    it("lists the organization's events latest first, never another organization's", async () => {
      const feed = await t.api.get(RECENT).set(arranged.auth).expect(200);
      expect(feed.body.count).toBe(ARRANGED.length);
      const instants = (feed.body.results as Array<{ occurred_at: string }>).map((event) => event.occurred_at);
      expect(instants).toEqual([...instants].sort().reverse());
      expect(feed.body.results[0]).toMatchObject({
        event_type: 'item_created',
        message: 'Arranged item_created.',
        subject: { type: 'inventory_item', uid: 'inv_arranged' },
      });
      expect(feed.body.results.at(-1).event_type).toBe('item_sold');
    });

    it('pages and filters by event type', async () => {
      const page = await t.api.get(`${RECENT}?page_size=3`).set(arranged.auth).expect(200);
      expect(page.body.results).toHaveLength(3);
      expect(page.body.next).toContain('page=2');
      const listings = await t.api.get(`${RECENT}?event_type=listing_created`).set(arranged.auth).expect(200);
      expect(listings.body.count).toBe(2);
    });

    it('refuses an unknown event type or parameter, naming it', async () => {
      expect((await t.api.get(`${RECENT}?event_type=sold`).set(arranged.auth).expect(400)).body).toEqual({
        event_type: ['"sold" is not a valid choice.'],
      });
      const unknown = await t.api.get(`${RECENT}?type=item_sold`).set(arranged.auth).expect(400);
      expect(unknown.body.type[0]).toMatch(/^Unknown parameter: the parameters are: /);
    });
  });

  describe('GET /api/v1/activity/stats/', () => {
    it('counts per type today, in the last 7 and the last 30 local days', async () => {
      await setTimeZone(arranged, TOKYO);
      const stats = await t.api.get(STATS).set(arranged.auth).expect(200);
      expect(stats.body.timezone).toBe(TOKYO);
      expect(stats.body.today).toMatchObject({ item_created: 2, price_changed: 0, listing_created: 0, total: 2 });
      expect(stats.body.last_7_days).toMatchObject({
        item_created: 2,
        price_changed: 1,
        listing_created: 1,
        export_completed: 0,
        total: 4,
      });
      expect(stats.body.last_30_days).toMatchObject({
        item_created: 2,
        price_changed: 1,
        listing_created: 2,
        export_completed: 1,
        item_sold: 0,
        total: 6,
      });
    });

    it('takes no parameter', async () => {
      expect((await t.api.get(`${STATS}?days=7`).set(arranged.auth).expect(400)).body).toEqual({
        days: ['Unknown parameter: this operation takes no query parameters.'],
      });
    });
  });

  describe('GET /api/v1/analytics/activity/', () => {
    it('answers every local day of the range, zeros included', async () => {
      await setTimeZone(arranged, TOKYO);
      const series = await t.api.get(`${SERIES}?days=7`).set(arranged.auth).expect(200);
      expect(series.body).toMatchObject({
        total: 4,
        period: 'day',
        granularity: 'day',
        days: 7,
        event: null,
        range_start: shiftDay(today, -6),
        range_end: today,
        timezone: TOKYO,
      });
      expect(series.body.data.map((point: { date: string; value: number }) => [point.date, point.value])).toEqual([
        [shiftDay(today, -6), 1],
        [shiftDay(today, -5), 0],
        [shiftDay(today, -4), 0],
        [shiftDay(today, -3), 1],
        [shiftDay(today, -2), 0],
        [shiftDay(today, -1), 0],
        [today, 2],
      ]);
      expect(series.body.data[6].events).toMatchObject({ item_created: 2, price_changed: 0, listing_created: 0 });
    });

    it('counts one event type with `event`, and still gives every type per bucket', async () => {
      await setTimeZone(arranged, TOKYO);
      const series = await t.api.get(`${SERIES}?days=7&event=listing_created`).set(arranged.auth).expect(200);
      expect(series.body.total).toBe(1);
      expect(series.body.event).toBe('listing_created');
      expect(series.body.data[0]).toMatchObject({ date: shiftDay(today, -6), value: 1 });
      expect(series.body.data[6]).toMatchObject({ date: today, value: 0, events: { item_created: 2 } });
    });

    it('buckets by ISO week, each bucket named by its Monday', async () => {
      await setTimeZone(arranged, TOKYO);
      const series = await t.api.get(`${SERIES}?days=30&period=week`).set(arranged.auth).expect(200);
      const monday = (day: string) => shiftDay(day, 1 - isoWeekday(day));
      const expected = new Map<string, number>();
      for (let week = monday(shiftDay(today, -29)); week <= today; week = shiftDay(week, 7)) expected.set(week, 0);
      for (const { daysAgo } of ARRANGED.filter((event) => event.daysAgo <= 29)) {
        const week = monday(shiftDay(today, -daysAgo));
        expected.set(week, expected.get(week)! + 1);
      }
      expect(series.body.data.map((point: { date: string; value: number }) => [point.date, point.value])).toEqual([...expected]);
      expect(series.body.total).toBe(6);
    });

    it('buckets by calendar month', async () => {
      await setTimeZone(arranged, TOKYO);
      const series = await t.api.get(`${SERIES}?days=60&period=month`).set(arranged.auth).expect(200);
      const first = `${shiftDay(today, -59).slice(0, 7)}-01`;
      expect(series.body.data[0].date).toBe(first);
      expect(series.body.data.at(-1).date).toBe(`${today.slice(0, 7)}-01`);
      expect(series.body.total).toBe(8);
    });

    it("reads days in the caller's time zone", async () => {
      await setTimeZone(arranged, 'UTC');
      // 00:01 in Tokyo is 15:01 the day before in UTC.
      const series = await t.api.get(`${SERIES}?days=7&event=item_created`).set(arranged.auth).expect(200);
      expect(series.body.timezone).toBe('UTC');
      expect(series.body.data.find((point: { date: string }) => point.date === shiftDay(today, -1)).value).toBe(2);
      expect(series.body.total).toBe(2);
    });

    it('refuses a range outside 1-365, an unknown period or event, or an unknown parameter', async () => {
      for (const [query, field] of [
        ['days=0', 'days'],
        ['days=366', 'days'],
        ['days=abc', 'days'],
        ['period=year', 'period'],
        ['event=anything', 'event'],
        ['range=30', 'range'],
      ]) {
        const refused = await t.api.get(`${SERIES}?${query}`).set(arranged.auth).expect(400);
        expect(Object.keys(refused.body)).toEqual([field]);
      }
    });
  });

  describe('GET /api/v1/analytics/activity/heatmap/', () => {
    it('counts events by local day of the week and hour, every cell present', async () => {
      await setTimeZone(arranged, TOKYO);
      const heatmap = await t.api.get(HEATMAP).set(arranged.auth).expect(200);
      expect(heatmap.body.data).toHaveLength(168);
      expect(heatmap.body.data[0]).toEqual({ day_of_week: 1, day: 'Monday', hour: 0, count: expect.any(Number) });
      const cell = (day: string, hour: number) =>
        heatmap.body.data.find(
          (entry: { day_of_week: number; hour: number }) => entry.day_of_week === isoWeekday(day) && entry.hour === hour,
        ).count;
      expect(cell(today, 0)).toBe(2);
      expect(cell(shiftDay(today, -3), 10)).toBe(1);
      expect(cell(shiftDay(today, -6), 0)).toBe(1);
      expect(cell(shiftDay(today, -7), 23)).toBe(1);
      expect(cell(shiftDay(today, -29), 0)).toBe(1);
      expect(heatmap.body).toMatchObject({ total: 6, max_count: 2, days: 30, event: null, timezone: TOKYO });
    });

    it('counts one type with `event`, over `days`', async () => {
      await setTimeZone(arranged, TOKYO);
      const heatmap = await t.api.get(`${HEATMAP}?days=7&event=item_created`).set(arranged.auth).expect(200);
      expect(heatmap.body.total).toBe(2);
      const refused = await t.api.get(`${HEATMAP}?period=day`).set(arranged.auth).expect(400);
      expect(Object.keys(refused.body)).toEqual(['period']);
    });
  });
});
