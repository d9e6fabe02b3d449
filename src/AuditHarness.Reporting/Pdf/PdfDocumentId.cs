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
    public static byte[] Pin(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);

        // Latin-1 maps bytes 1:1 to chars, so the binary font streams survive the round trip unchanged.
        string text = Encoding.Latin1.GetString(pdf);
        Match match = XmpUuid().Match(text);
        if (!match.Success)
        {
            return pdf;
        }

        string dashed = match.Groups[1].Value;
        string zeroedDashed = Regex.Replace(dashed, "[0-9a-fA-F]", "0");
        string neutral = TrailerId(text.Replace(dashed, zeroedDashed, StringComparison.Ordinal), new string('0', 32));
        byte[] hash = SHA256.HashData(Encoding.Latin1.GetBytes(neutral));
        string newHex = Convert.ToHexString(hash, 0, 16);
        string newDashed = string.Concat(newHex[..8], "-", newHex[8..12], "-", newHex[12..16], "-", newHex[16..20], "-", newHex[20..32]).ToLowerInvariant();
        string pinned = TrailerId(text.Replace(dashed, newDashed, StringComparison.Ordinal), newHex);
        return Encoding.Latin1.GetBytes(pinned);
    }

    /// <summary><paramref name="text"/> with the last trailer /ID array (hex or literal strings) set to <paramref name="hex"/> twice.</summary>
    private static string TrailerId(string text, string hex)
    {
        Match id = TrailerIdArray().Match(text);
        return id.Success ? string.Concat(text.AsSpan(0, id.Index), $"/ID [<{hex}> <{hex}>]", text.AsSpan(id.Index + id.Length)) : text;
    }

    [GeneratedRegex("<xmpMM:DocumentID>uuid:([0-9a-fA-F-]{36})</xmpMM:DocumentID>")]
    private static partial Regex XmpUuid();

    // A PDF string is <hex> or (literal) in which \ escapes the next character; RightToLeft finds the trailer's, the last.
    [GeneratedRegex(@"/ID\s*\[\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*\]", RegexOptions.RightToLeft | RegexOptions.Singleline)]
    private static partial Regex TrailerIdArray();
}
