import { Linter, type ESLint } from 'eslint';
import t from 'tap';
import local from '../../eslint/handled-errors.js';

/** The rule's messages for one snippet of TypeScript-free JavaScript. */
function lint(code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  return linter
    .verify(code, [{ plugins: { local: local as ESLint.Plugin }, rules: { 'local/handled-errors': 'error' } }])
    .map((m) => m.message);
}

const SWALLOWING = [
  'try { f(); } catch {}',
  'try { f(); } catch (err) { /* ignore */ }',
  'function g() { try { f(); } catch { return; } }',
  'for (;;) { try { f(); } catch { continue; } }',
  'p.catch(() => undefined);',
  'p.catch(() => {});',
  'p.then((v) => v, () => void 0);',
];

const HANDLING = [
  'try { f(); } catch (err) { log.error({ err }, "f failed"); }',
  'try { f(); } catch (err) { throw new Error("f", { cause: err }); }',
  'try { f(); } catch { failures.inc(); }',
  'function g() { try { return f(); } catch { return undefined; } }',
  'let ok = true; try { f(); } catch { ok = false; }',
  'p.catch((err) => log.warn({ err }, "p failed"));',
  'p.then((v) => v, () => false);',
  'p.finally(() => undefined);',
  '// eslint-disable-next-line local/handled-errors -- best effort by design\np.catch(() => undefined);',
];

t.test(
  'a catch or rejection handler that only swallows the error fails lint; one that acts on it passes',
  async (t) => {
    for (const code of SWALLOWING) t.match(lint(code), [/swallows the error/], code);
    for (const code of HANDLING) t.same(lint(code), [], code);
  },
);
