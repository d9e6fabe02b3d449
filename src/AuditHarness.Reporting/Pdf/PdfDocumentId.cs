using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Skia gives every PDF/A document a random UUID (XMP DocumentID/InstanceID and the trailer /ID), so two exports
/// of one summary would differ in those bytes only. This replaces it with one derived from the rest of the file.
/// The XMP replacement has the same length, so the cross-reference offsets stay valid; the trailer comes after the
/// cross-reference table, so its /ID is rewritten in hex form whatever form Skia chose.
/// </summary>
/// <remarks>
/// Skia writes the trailer /ID as a hex string or, when shorter, as a literal string with escapes (for a few
/// percent of random IDs); both forms are replaced, or the random bytes would leak into the file and its hash.
/// </remarks>
public static partial class PdfDocumentId
{
    private const string XmpPrefix = "<xmpMM:DocumentID>uuid:";

    public static byte[] Pin(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);

        // Latin-1 maps bytes 1:1 to chars, so the binary font streams survive the round trip unchanged. One char buffer
        // is edited in place (the UUID replacements keep their length) rather than a 3 MB string copied per step.
        char[] text = new char[pdf.Length];
        Encoding.Latin1.GetChars(pdf, text);
        int uuidAt = -1;
        foreach (ValueMatch match in XmpUuid().EnumerateMatches(text))
        {
            uuidAt = match.Index + XmpPrefix.Length;
            break;
        }

        if (uuidAt < 0)
        {
            return pdf;
        }

        string dashed = new(text, uuidAt, 36);
        List<int> occurrences = Occurrences(text, dashed);
        Overwrite(text, occurrences, Regex.Replace(dashed, "[0-9a-fA-F]", "0"));
        byte[] hash = SHA256.HashData(WithTrailerId(text, new string('0', 32)));
        string newHex = Convert.ToHexString(hash, 0, 16);
        string newDashed = string.Concat(newHex[..8], "-", newHex[8..12], "-", newHex[12..16], "-", newHex[16..20], "-", newHex[20..32]).ToLowerInvariant();
        Overwrite(text, occurrences, newDashed);
        return WithTrailerId(text, newHex);
    }

    /// <summary>Where <paramref name="value"/> occurs, left to right and not overlapping: the places <see cref="string.Replace(string, string)"/> replaces.</summary>
    private static List<int> Occurrences(ReadOnlySpan<char> text, string value)
    {
        var found = new List<int>();
        for (int from = 0, at; (at = text[from..].IndexOf(value, StringComparison.Ordinal)) >= 0; from += at + value.Length)
        {
            found.Add(from + at);
        }

        return found;
    }

    private static void Overwrite(char[] text, List<int> occurrences, string value)
    {
        foreach (int at in occurrences)
        {
            value.CopyTo(0, text, at, value.Length);
        }
    }

    /// <summary>The Latin-1 bytes of <paramref name="text"/> with the last trailer /ID array (hex or literal strings) set to <paramref name="hex"/> twice.</summary>
    private static byte[] WithTrailerId(ReadOnlySpan<char> text, string hex)
    {
        // Right to left, the first match is the last array, the one Regex.Match would return.
        foreach (ValueMatch id in TrailerIdArray().EnumerateMatches(text))
        {
            string array = $"/ID [<{hex}> <{hex}>]";
            byte[] bytes = new byte[text.Length - id.Length + array.Length];
            Encoding.Latin1.GetBytes(text[..id.Index], bytes);
            Encoding.Latin1.GetBytes(array, bytes.AsSpan(id.Index));
            Encoding.Latin1.GetBytes(text[(id.Index + id.Length)..], bytes.AsSpan(id.Index + array.Length));
            return bytes;
        }

        return Encoding.Latin1.GetBytes(text.ToArray());
    }

    [GeneratedRegex("<xmpMM:DocumentID>uuid:([0-9a-fA-F-]{36})</xmpMM:DocumentID>")]
    private static partial Regex XmpUuid();

    // A PDF string is <hex> or (literal) in which \ escapes the next character; RightToLeft finds the trailer's, the last.
    [GeneratedRegex(@"/ID\s*\[\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*\]", RegexOptions.RightToLeft | RegexOptions.Singleline)]
    private static partial Regex TrailerIdArray();
}
