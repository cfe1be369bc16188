// The app-wide state the frame and every page read: the backend's AppState, kept current after each
// change, with the language and text size applied to the document.
import { backend, type AppState, type SettingsPatch, type TextScale } from '../backend';
import { loadLanguage, setLanguage } from './i18n.svelte';

export const app = $state<{ state: AppState | null }>({ state: null });

/** Applies a new AppState: language and text size take effect on the whole document. */
export function apply(state: AppState): AppState {
  app.state = state;
  setLanguage(state.settings.language);
  applyTextScale(state.settings.text_scale);
  return state;
}

/** Sets the root font size; every size in the UI is in rem, so the whole UI scales with it. */
export function applyTextScale(scale: TextScale): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.textScale = scale;
}

/** Reads the app state, with the catalogue of its language loaded, without applying it yet. */
export async function read(): Promise<AppState> {
  const state = await backend.appState();
  await loadLanguage(state.settings.language);
  return state;
}

export async function changeSettings(patch: SettingsPatch): Promise<AppState> {
  const state = await backend.updateSettings(patch);
  await loadLanguage(state.settings.language);
  return apply(state);
}
