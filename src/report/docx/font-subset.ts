export async function subsetFontFile(fontFile: string, _text: string): Promise<{ path: string; remove(): Promise<void> }> {
  return { path: fontFile, remove: async () => {} };
}
