// The admin screen's words: the catalog lint's notes in plain Chinese, the command line named as such.
import { describe, expect, it } from 'vitest'
import { actorLabel, catalogNote } from '../../../services/console/src/lib/admin'
import { limitLabel } from '../../../services/console/src/lib/format'

const names: Record<string, string> = { TXYJS: '退休一件事' }
const bundle = (code: string) => names[code] ?? code

describe('catalogNote', () => {
  it('names the bundle and says the limit as people do', () => {
    expect(catalogNote("bundle TXYJS: 2018年“一件事”任务清单 publishes no limit: 15wd is the hall's own choice (本厅自定)", bundle, limitLabel))
      .toBe('退休一件事：2018年“一件事”任务清单未公布办理时限，承诺时限15个工作日由本厅自定')
    expect(catalogNote("bundle TXYJS: a local choice: no published document; its limit 5wd is the hall's own choice (本厅自定), not a published promise", bundle, limitLabel))
      .toBe('退休一件事：没有公开的文件依据，承诺时限5个工作日由本厅自定')
  })
  it('keeps a note it does not know as it is', () => {
    expect(catalogNote('something else', bundle, limitLabel)).toBe('something else')
  })
})

describe('actorLabel', () => {
  it('prefers the name, and calls the command line 命令行', () => {
    expect(actorLabel('user:3', '王芳')).toBe('王芳')
    expect(actorLabel('cli')).toBe('命令行')
  })
})
