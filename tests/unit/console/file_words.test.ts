// Unit tests of how a material file is described at the counter and in the viewer (src/lib/file_words.ts).
import { describe, expect, it } from 'vitest'
import { fileSize, fileSummary } from '../../../services/console/src/lib/file_words'

describe('material files in words', () => {
  it('says sizes in bytes, KB and MB', () => {
    expect(fileSize(800)).toBe('800 字节')
    expect(fileSize(13 * 1024 + 100)).toBe('13 KB')
    expect(fileSize(2_202_010)).toBe('2.1 MB')
  })
  it('names the type, the pages of a PDF and the size', () => {
    expect(fileSummary({ media_type: 'application/pdf', pages: 3, size_bytes: 40_000 })).toBe('PDF · 3页 · 39 KB')
    expect(fileSummary({ media_type: 'image/jpeg', pages: 1, size_bytes: 13_400 })).toBe('JPEG图片 · 13 KB')
    expect(fileSummary({ media_type: 'image/png', pages: null, size_bytes: 2_000_000 })).toBe('PNG图片 · 1.9 MB')
  })
  it('says where a licence document came from', () => {
    expect(fileSummary({ media_type: 'application/pdf', pages: 1, size_bytes: 3_000, source: 'elicense' }))
      .toBe('电子证照库 · PDF · 1页 · 3 KB')
    expect(fileSummary({ media_type: 'application/pdf', pages: 1, size_bytes: 3_000, source: 'upload' })).toBe('PDF · 1页 · 3 KB')
  })
})
