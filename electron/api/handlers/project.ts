import fs from 'node:fs';
import path from 'node:path';
import { openProject, type Db } from '../../../db/open.js';
import { projectMeta, stats } from '../../../db/queries/project.js';
import { WeftError } from '../../../db/errors.js';
import type { Ctx } from '../context.js';
import { currentCoder, requireDb } from '../context.js';
import type { ProjectInfo, Startup } from '../contract.js';
import { chosenCoder, readState, recentProjects, rememberProject, updateState } from '../state.js';
import { buildDemoProject, DEMO_FILE_NAME } from '../demo.js';

export function projectInfo(ctx: Ctx): ProjectInfo {
  const db = requireDb(ctx);
  const meta = projectMeta(db);
  return { path: ctx.session.path!, name: meta.name, guid: meta.guid, stats: stats(db) };
}

export function closeSession(ctx: Ctx): void {
  const { db } = ctx.session;
  ctx.session.db = null;
  ctx.session.path = null;
  ctx.session.coder = null;
  if (db) {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
}

function adopt(ctx: Ctx, db: Db, file: string): ProjectInfo {
  closeSession(ctx);
  ctx.session.db = db;
  ctx.session.path = file;
  const info = projectInfo(ctx);
  // Who codes here on this machine: chosen per project, so it is looked up by the project's guid.
  ctx.session.coder = chosenCoder(ctx.env.dataDir, info.guid);
  if (ctx.env.remember !== false) rememberProject(ctx.env.dataDir, file, info.name);
  ctx.emit('project.changed', { what: 'project' });
  return info;
}

export function withWeftExtension(file: string): string {
  return /\.weft$/i.test(file) ? file : `${file}.weft`;
}

export function createProject(ctx: Ctx, input: { path: string; name?: string }): ProjectInfo {
  const file = path.resolve(withWeftExtension(input.path));
  const db = openProject(file, {
    create: true,
    name: input.name,
    nativeBinding: ctx.env.nativeBinding,
  });
  return adopt(ctx, db, file);
}

export function openExisting(ctx: Ctx, input: { path: string }): ProjectInfo {
  const file = path.resolve(input.path);
  if (ctx.session.path === file && ctx.session.db) return projectInfo(ctx);
  const db = openProject(file, { nativeBinding: ctx.env.nativeBinding });
  return adopt(ctx, db, file);
}

export function openDemo(ctx: Ctx): ProjectInfo {
  const file = path.join(ctx.env.projectsDir, DEMO_FILE_NAME);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(ctx.env.projectsDir, { recursive: true });
    buildDemoProject(file, ctx.env.fixturesDir, ctx.env.nativeBinding);
  }
  return openExisting(ctx, { path: file });
}

/** First run opens the demo; later runs reopen the last project. */
export function startup(ctx: Ctx): Startup {
  if (ctx.session.db) return { project: projectInfo(ctx), firstRun: false, notice: null };
  const state = readState(ctx.env.dataDir);
  if (!state.firstRunDone) {
    const project = openDemo(ctx);
    updateState(ctx.env.dataDir, (s) => {
      s.firstRunDone = true;
    });
    return { project, firstRun: true, notice: null };
  }
  if (state.lastProject) {
    try {
      return {
        project: openExisting(ctx, { path: state.lastProject }),
        firstRun: false,
        notice: null,
      };
    } catch (e) {
      const why = e instanceof WeftError ? e.message : String(e);
      return {
        project: null,
        firstRun: false,
        notice: `Could not reopen your last project. ${why}`,
      };
    }
  }
  return { project: null, firstRun: false, notice: null };
}

export const projectHandlers = {
  'project.create': createProject,
  'project.open': openExisting,
  'project.openDemo': (ctx: Ctx) => openDemo(ctx),
  'project.close': (ctx: Ctx) => {
    const was = ctx.session.db !== null;
    closeSession(ctx);
    if (was) {
      updateState(ctx.env.dataDir, (s) => {
        s.lastProject = null;
      });
      ctx.emit('project.changed', { what: 'project' });
    }
    return null;
  },
  'project.current': (ctx: Ctx) => (ctx.session.db ? projectInfo(ctx) : null),
  'project.recent': (ctx: Ctx) => recentProjects(ctx.env.dataDir),
  'project.stats': (ctx: Ctx) => stats(requireDb(ctx)),
  'app.startup': startup,
  'app.info': (ctx: Ctx) => ({
    version: ctx.env.version,
    dataDir: ctx.env.dataDir,
    projectsDir: ctx.env.projectsDir,
    coder: currentCoder(ctx).name,
  }),
};
