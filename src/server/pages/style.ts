/** The pages' one small stylesheet, served at /assets/style.css (the Content-Security-Policy allows no inline style). */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d8dce4; --accent: #1f5fbf; --ok: #16794a; --bad: #b3261e; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header.bar { display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.5rem; background: #fff; border-bottom: 1px solid var(--line); }
header.bar nav { display: flex; gap: 1rem; flex: 1; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
main.narrow { max-width: 36rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.25rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
.hint { display: block; color: var(--muted); font-size: .875rem; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type=text], input[type=password], input[type=date], select { width: 100%; padding: .5rem; border: 1px solid #9aa3b2; border-radius: 6px; font: inherit; }
button, .button { display: inline-block; padding: .5rem 1rem; border: 0; border-radius: 6px; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
button.danger { background: var(--bad); }
.alert { border-left: 4px solid var(--bad); background: #fdecea; padding: .75rem 1rem; margin: 0 0 1rem; }
.success { border-left: 4px solid var(--ok); background: #e7f5ee; padding: .75rem 1rem; margin: 0 0 1rem; }
table { width: 100%; border-collapse: collapse; background: #fff; font-size: .9rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef0f4; }
.status { font-weight: 600; }
.status-active, .status-ok { color: var(--ok); }
.status-needs_reauth, .status-pending, .status-error { color: #8a5a00; }
.status-revoked { color: var(--muted); }
.filters { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem 1rem; align-items: end; }
.actions { display: flex; gap: .5rem; flex-wrap: wrap; }
.actions form { margin: 0; }
ul.scopes { columns: 2; margin: .25rem 0; }
code { font-size: .875rem; background: #eef0f4; padding: 0 .25rem; border-radius: 4px; word-break: break-all; }
svg.chart { width: 100%; height: auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
