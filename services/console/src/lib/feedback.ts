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

// "2026-12-04" → "2026年12月4日".
export function chineseDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${m[1]}年${+m[2]}月${+m[3]}日` : date
}
