// The one place the page reports a failure: the API's problem detail, or what went wrong signing in.
import { replace } from './dom.js';

export function showError(error) {
  const box = document.getElementById('error');
  if (!error) {
    box.hidden = true;
    return;
  }
  replace(box, error.message ?? String(error));
  box.hidden = false;
}
