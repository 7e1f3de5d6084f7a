// Jira's theme inside the iframe: `view.theme.enable()` makes the host apply its colour mode to
// this document (data-color-mode + the Atlaskit token CSS), and keep it in step with the product.
import { view } from '@forge/bridge';

export async function enableTheme(): Promise<void> {
  try {
    await view.theme.enable();
  } catch {
    // Outside a host that supports theming the fallbacks of the tokens (light) apply.
  }
}
