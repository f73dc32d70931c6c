import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../http/deps.ts';
import { queryRows } from '../../kernel/db/index.ts';
import { notFound } from '../../kernel/errors.ts';
import { problemResponses, zIdParams } from '../../kernel/schemas.ts';
import { PlatformPermissions as P } from '../access/index.ts';
import {
  emptyRoot,
  encodeEntryBundle,
  parseEntryBundlePath,
  parseTilePath,
  serializeReceipt,
  signCheckpoint,
  TILE_WIDTH,
} from './core/index.ts';
import { zReceipt, zSubjectEntriesQuery, zSubjectEntryList } from './log.schemas.ts';
import { entryReceipt, listSubjectEntries } from './queries.ts';
import { logSignerFor } from './signer.ts';
import { readEntryBodies, readHead, readTile, tileInTree } from './store.ts';

const DIVISION_CODE = /^[0-9]{6}(?:[0-9]{3}){0,2}$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const utf8 = new TextEncoder();

const missing = (what = '日志中没有这个资源') => notFound('LOG.NOT_FOUND', what);

/**
 * The tenants' transparency logs: served publicly and read-only as C2SP tlog-tiles under
 * `/log/<division code>/` (checkpoint, hash tiles, entry bundles, and the verifier key), plus receipts
 * and subject timelines for officials under /api/log.
 */
export const logRoutes = (deps: AppDeps) => async (base: FastifyInstance) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const signer = () => logSignerFor(deps.config);
  const publicRoute = { config: { access: { public: true as const } }, schema: { hide: true } };

  /** The served head of a tenant's log: the latest signed checkpoint, or a signed empty one. */
  async function head(code: string): Promise<{ size: number; checkpoint: string }> {
    if (!DIVISION_CODE.test(code)) throw missing('没有这个行政区的日志');
    const h = await readHead(deps.db, code);
    if (h) return h;
    const [t] = await queryRows(deps.db, sql`select 1 as one from tenants where id = ${code}`);
    if (!t) throw missing('没有这个行政区的日志');
    const checkpoint = signCheckpoint(
      { origin: signer().origin(code), treeSize: 0, rootHash: emptyRoot() },
      signer().note,
    );
    return { size: 0, checkpoint };
  }

  const publicHeaders = (reply: FastifyReply, cache: string) =>
    reply.header('cache-control', cache).header('access-control-allow-origin', '*');

  app.get('/log/:code/checkpoint', publicRoute, async (req, reply) => {
    const { code } = req.params as { code: string };
    const h = await head(code);
    return publicHeaders(reply, 'no-cache').type('text/plain; charset=utf-8').send(h.checkpoint);
  });

  app.get('/log/:code/vkey', publicRoute, async (req, reply) => {
    const { code } = req.params as { code: string };
    await head(code);
    return publicHeaders(reply, 'no-cache')
      .type('text/plain; charset=utf-8')
      .send(`${signer().verifierKey}\n`);
  });

  app.get('/log/:code/tile/*', publicRoute, async (req, reply) => {
    const { code, '*': rest } = req.params as { code: string; '*': string };
    const { size } = await head(code);
    const path = `tile/${rest}`;
    let data: Uint8Array;
    let bundle = false;
    if (path.startsWith('tile/entries/')) {
      let ref: { index: number; width: number };
      try {
        ref = parseEntryBundlePath(path);
      } catch {
        throw missing('条目包路径不符合 C2SP tlog-tiles 规范');
      }
      const start = ref.index * TILE_WIDTH;
      if (start + ref.width > size) throw missing('日志中还没有这个条目包');
      const bodies = await readEntryBodies(deps.db, code, start, ref.width);
      data = encodeEntryBundle(bodies.map((b) => utf8.encode(b)));
      bundle = true;
    } else {
      let tile: ReturnType<typeof parseTilePath>;
      try {
        tile = parseTilePath(path);
      } catch {
        throw missing('瓦片路径不符合 C2SP tlog-tiles 规范');
      }
      if (!tileInTree(tile, size)) throw missing('日志树中还没有这个瓦片');
      data = await readTile(deps.db, code, tile);
    }
    // C2SP tlog-tiles: tiles and bundles, partial ones included (a partial tile of a given width never
    // changes either), are immutable and cached long; bundles should be compressed.
    publicHeaders(reply, IMMUTABLE).type('application/octet-stream');
    let body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (bundle) {
      reply.header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        body = gzipSync(body);
        reply.header('content-encoding', 'gzip');
      }
    }
    return reply.send(body);
  });

  app.get('/log/*', publicRoute, async () => {
    throw missing();
  });

  const tags = ['log'];
  app.get(
    '/api/log/entries',
    {
      config: { access: { permission: P['log.read'] } },
      schema: {
        tags,
        summary: '某一对象（如案件）的全过程记录，按日志顺序',
        querystring: zSubjectEntriesQuery,
        response: { 200: zSubjectEntryList, ...problemResponses },
      },
    },
    async (req) => ({ items: await listSubjectEntries(deps.db, req.ctx().actor.tenantId, req.query) }),
  );

  app.get(
    '/api/log/entries/:id/receipt',
    {
      config: { access: { permission: P['log.read'] } },
      schema: {
        tags,
        summary: '条目的可离线验证回执（包含证明与签名检查点）',
        params: zIdParams,
        response: { 200: zReceipt, ...problemResponses },
      },
    },
    async (req, reply) => {
      const receipt = await entryReceipt(deps.db, req.ctx().actor.tenantId, req.params.id, signer());
      // Receipts are served as RFC 8785 canonical JSON (sent as text, so the serializer leaves it be).
      return reply.type('application/json; charset=utf-8').send(serializeReceipt(receipt) as never);
    },
  );
};
