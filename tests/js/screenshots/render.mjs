// Renders the rollback notice the way on-call sees it in two channels, for the README:
//   docs/images/oncall-email.png  the e-mail's HTML part, as a mail client shows it;
//   docs/images/oncall-teams.png  the Teams Adaptive Card, rendered by Microsoft's Adaptive Cards SDK.
// Uses Debian's Chromium (CHROMIUM, default /usr/bin/chromium); never downloads a browser.
// Regenerate after a golden file changes: cd tests/js/screenshots && npm ci && npm run render
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const golden = path.resolve(here, '../../RolloutController.UnitTests/Golden');
const images = path.resolve(here, '../../../docs/images');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 760, height: 600 }, deviceScaleFactor: 1 });

  await page.setContent(await readFile(path.join(golden, 'email-rollback.html'), 'utf8'));
  await page.screenshot({ path: path.join(images, 'oncall-email.png'), fullPage: true });

  // Teams shows cards about 500 px wide on a light theme.
  const card = JSON.parse(await readFile(path.join(golden, 'teams-rollback.json'), 'utf8')).attachments[0].content;
  await page.setViewportSize({ width: 540, height: 600 });
  await page.setContent(`<!doctype html><html><head>
    <style>body{margin:0;padding:16px;background:#f5f5f5;font-family:"Segoe UI",system-ui,sans-serif}
    #card{background:#fff;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.2);width:500px}</style>
    </head><body><div id="card"></div></body></html>`);
  await page.addScriptTag({ path: path.join(here, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
  await page.evaluate((json) => {
    const ac = new AdaptiveCards.AdaptiveCard();
    // Teams stacks a narrow card's buttons; the rest is the SDK's default host configuration.
    ac.hostConfig = new AdaptiveCards.HostConfig({
      fontFamily: '"Segoe UI", system-ui, sans-serif',
      actions: { actionsOrientation: 'vertical', actionAlignment: 'stretch', maxActions: 10, buttonSpacing: 6 },
    });
    ac.parse(json);
    document.getElementById('card').appendChild(ac.render());
  }, card);
  await page.locator('#card').screenshot({ path: path.join(images, 'oncall-teams.png') });
} finally {
  await browser.close();
}
