using System.Runtime.InteropServices;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Cuts a TrueType font down to the glyphs of a character set with HarfBuzz's subsetter (<c>hb_subset</c>, exported by
/// the libHarfBuzzSharp that SkiaSharp's text shaping ships). SkiaSharp's PDF backend is built without a subsetter: it
/// names a font "AAAAAA+DejaVuSans" yet embeds the whole 760 KB file, so the report subsets the font before Skia sees it.
/// </summary>
internal static class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";
    private const int MemoryModeDuplicate = 0; // HB_MEMORY_MODE_DUPLICATE: HarfBuzz copies the bytes
    private const uint NoHintingFlag = 1; // HB_SUBSET_FLAGS_NO_HINTING

    /// <summary>The font file's bytes cut to the glyphs that <paramref name="codepoints"/> map to (plus .notdef), as a TrueType file.</summary>
    /// <param name="name">The font, named in the error when HarfBuzz cannot subset it.</param>
    public static byte[] Subset(byte[] font, IEnumerable<int> codepoints, string name)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(codepoints);
        IntPtr blob = IntPtr.Zero, face = IntPtr.Zero, input = IntPtr.Zero, subset = IntPtr.Zero, subsetBlob = IntPtr.Zero;
        GCHandle pinned = GCHandle.Alloc(font, GCHandleType.Pinned);
        try
        {
            blob = NativeMethods.hb_blob_create(pinned.AddrOfPinnedObject(), (uint)font.Length, MemoryModeDuplicate, IntPtr.Zero, IntPtr.Zero);
            face = NativeMethods.hb_face_create(blob, 0);
            input = NativeMethods.hb_subset_input_create_or_fail();
            if (input == IntPtr.Zero)
            {
                throw new InvalidOperationException($"Font '{name}': HarfBuzz could not allocate a subset input.");
            }

            // Hinting is dropped (a third of the subset): the report draws unhinted at the font's own advances (ReportFonts).
            NativeMethods.hb_subset_input_set_flags(input, NoHintingFlag);
            IntPtr unicodes = NativeMethods.hb_subset_input_unicode_set(input);
            foreach (int codepoint in codepoints)
            {
                NativeMethods.hb_set_add(unicodes, (uint)codepoint);
            }

            subset = NativeMethods.hb_subset_or_fail(face, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException($"Font '{name}' could not be subset by HarfBuzz; expected a TrueType font.");
            }

            subsetBlob = NativeMethods.hb_face_reference_blob(subset);
            IntPtr data = NativeMethods.hb_blob_get_data(subsetBlob, out uint length);
            if (data == IntPtr.Zero || length == 0)
            {
                throw new InvalidOperationException($"Font '{name}': HarfBuzz returned an empty subset.");
            }

            byte[] bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        catch (DllNotFoundException ex)
        {
            throw new InvalidOperationException($"Font '{name}' cannot be subset: {HarfBuzz} (HarfBuzzSharp's native library, beside SkiaSharp's) is missing.", ex);
        }
        finally
        {
            Destroy(subsetBlob, NativeMethods.hb_blob_destroy);
            Destroy(subset, NativeMethods.hb_face_destroy);
            Destroy(input, NativeMethods.hb_subset_input_destroy);
            Destroy(face, NativeMethods.hb_face_destroy);
            Destroy(blob, NativeMethods.hb_blob_destroy);
            pinned.Free();
        }
    }

    private static void Destroy(IntPtr handle, Action<IntPtr> destroy)
    {
        if (handle != IntPtr.Zero)
        {
            destroy(handle);
        }
    }

    private static class NativeMethods
    {
        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_blob_create(IntPtr data, uint length, int mode, IntPtr userData, IntPtr destroy);

        [DllImport(HarfBuzz)]
        public static extern void hb_blob_destroy(IntPtr blob);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_face_create(IntPtr blob, uint index);

        [DllImport(HarfBuzz)]
        public static extern void hb_face_destroy(IntPtr face);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_face_reference_blob(IntPtr face);

        [DllImport(HarfBuzz)]
        public static extern void hb_set_add(IntPtr set, uint codepoint);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_subset_input_create_or_fail();

        [DllImport(HarfBuzz)]
        public static extern void hb_subset_input_destroy(IntPtr input);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

        [DllImport(HarfBuzz)]
        public static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

        [DllImport(HarfBuzz)]
        public static extern void hb_subset_input_set_flags(IntPtr input, uint flags);
    }
}
