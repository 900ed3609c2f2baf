// The statement grammar: SELECT, INSERT, UPDATE, DELETE, and EXISTS(SELECT ...) for
// ExecuteTransaction. Keywords are case-insensitive; a trailing `;` is allowed. Pure.
import { ValidationException } from '../errors';
import type { Delete, DocPath, Exists, Insert, Returning, Select, Statement, Update, UpdateAction } from './ast';
import { additive, operand, parseExpr, parsePath } from './parse-expr';
import { Cursor, malformed, tokenize } from './tokens';

export function parseStatement(src: string): Statement {
  if (typeof src !== 'string' || src.trim() === '') throw malformed('Expected data manipulation');
  const c = new Cursor(src, tokenize(src));
  const st = statement(c);
  c.expectEnd();
  return { ...st, params: c.params };
}

function statement(c: Cursor): Select | Insert | Update | Delete | Exists {
  if (c.acceptWord('SELECT')) return select(c);
  if (c.acceptWord('INSERT')) {
    c.expectWord('INTO');
    const table = tableName(c);
    c.expectWord('VALUE');
    const value = operand(c);
    if (value.k !== 'map' && value.k !== 'param') throw malformed('Expected a tuple in VALUE');
    if (c.isWord('RETURNING')) throw new ValidationException('RETURNING is not supported in INSERT');
    return { kind: 'insert', table, value };
  }
  if (c.acceptWord('UPDATE')) {
    const table = tableName(c);
    const actions = updateActions(c);
    const where = c.acceptWord('WHERE') ? parseExpr(c) : undefined;
    return { kind: 'update', table, actions, where, returning: returning(c) };
  }
  if (c.acceptWord('DELETE')) {
    c.expectWord('FROM');
    const table = tableName(c);
    const where = c.acceptWord('WHERE') ? parseExpr(c) : undefined;
    const r = returning(c);
    if (r && r !== 'ALL_OLD') {
      throw new ValidationException(`Invalid returning clause: RETURNING ${r.replace('UPDATED', 'MODIFIED').replace('_', ' ')} *. Only RETURNING ALL OLD * is allowed in DELETE statements.`);
    }
    return { kind: 'delete', table, where, returning: r };
  }
  if (c.isWord('EXISTS') && c.isPunct('(', 1)) {
    c.next(); c.next();
    c.expectWord('SELECT');
    const inner = select(c);
    c.expectPunct(')');
    return { kind: 'exists', select: inner };
  }
  throw malformed('Expected data manipulation');
}

function select(c: Cursor): Select {
  let projection: '*' | DocPath[];
  if (c.acceptPunct('*')) projection = '*';
  else {
    projection = [parsePath(c)];
    while (c.acceptPunct(',')) projection.push(parsePath(c));
  }
  c.expectWord('FROM');
  const table = tableName(c);
  let index: string | undefined;
  if (c.acceptPunct('.')) index = identifier(c);
  const where = c.acceptWord('WHERE') ? parseExpr(c) : undefined;
  return { kind: 'select', table, index, projection, where };
}

function identifier(c: Cursor): string {
  const t = c.next();
  if (t.kind !== 'word' && t.kind !== 'quoted') throw c.unexpected(t);
  return t.text;
}

const tableName = identifier;

function updateActions(c: Cursor): UpdateAction[] {
  const actions: UpdateAction[] = [];
  for (;;) {
    if (c.acceptWord('SET')) {
      do {
        const path = parsePath(c);
        c.expectPunct('=');
        actions.push({ op: 'SET', path, value: additive(c) });
      } while (c.acceptPunct(','));
    } else if (c.acceptWord('REMOVE')) {
      do actions.push({ op: 'REMOVE', path: parsePath(c) }); while (c.acceptPunct(','));
    } else break;
  }
  if (actions.length === 0) throw c.unexpected();
  return actions;
}

function returning(c: Cursor): Returning | undefined {
  if (!c.acceptWord('RETURNING')) return undefined;
  const which = c.acceptWord('ALL') ? 'ALL' : c.acceptWord('MODIFIED') ? 'UPDATED' : undefined;
  if (!which) throw c.unexpected();
  const when = c.acceptWord('OLD') ? 'OLD' : c.acceptWord('NEW') ? 'NEW' : undefined;
  if (!when) throw c.unexpected();
  c.expectPunct('*');
  return `${which}_${when}` as Returning;
}
