// The query code (查询码) as the applicant types it: any case, spaces or dashes, full-width characters from a
// Chinese input method. The same alphabet and length as the platform (services/acceptance/query_code.hpp).
export const QUERY_CODE_ALPHABET = '34679ACDEFHJKMNPRTVWXY'
export const QUERY_CODE_LENGTH = 10

// The code without separators in upper case, or '' when it is not ten symbols of the alphabet.
export function normaliseQueryCode(typed: string): string {
  const code = typed.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
  if (code.length !== QUERY_CODE_LENGTH) return ''
  for (const c of code) if (!QUERY_CODE_ALPHABET.includes(c)) return ''
  return code
}

// What to tell the applicant about a code that cannot be right, '' when it may be.
export function checkQueryCode(typed: string): string {
  if (!typed.trim()) return '请输入受理回执上的查询码'
  return normaliseQueryCode(typed) ? '' : '查询码为 10 位字母和数字（如 XK7M-RT4H-PW），请核对受理回执'
}
