// A user action that calls the API: `busy` while it runs (for loading buttons), `error` with the problem's
// Chinese title when it fails. run() returns the action's result, or undefined after a failure.
import { ref } from 'vue'

export function useAction() {
  const busy = ref(false)
  const error = ref('')
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = ''
    try {
      return await action()
    } catch (e) {
      error.value = (e as Error).message
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, error, run }
}
