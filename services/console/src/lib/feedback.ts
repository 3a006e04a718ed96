// Feedback around the window's one-click actions: a confirmation before (ElMessageBox, Enter confirms, Esc
// cancels) and a toast after (ElMessage). Their styles are loaded here, since only components used in
// templates get theirs automatically (vite.config.ts).
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'

// True when the clerk confirms.
export async function confirmAction(message: string, title: string, confirm: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: confirm, cancelButtonText: '取消', type: 'warning', autofocus: true })
    return true
  } catch {
    return false
  }
}

export function toast(message: string, type: 'success' | 'warning' | 'error' = 'success') {
  ElMessage({ message, type, duration: 3000, showClose: true })
}
