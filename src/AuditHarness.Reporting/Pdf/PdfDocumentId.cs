using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Skia gives every PDF/A document a random UUID (XMP DocumentID/InstanceID and the trailer /ID), so two exports
/// of one summary would differ in those bytes only. This replaces it with one derived from the rest of the file.
/// The replacement has the same length, so the cross-reference offsets stay valid.
/// </summary>
internal static partial class PdfDocumentId
{
    public static byte[] Pin(byte[] pdf)
    {
        // Latin-1 maps bytes 1:1 to chars, so the binary font streams survive the round trip unchanged.
        string text = Encoding.Latin1.GetString(pdf);
        Match match = XmpUuid().Match(text);
        if (!match.Success)
        {
            return pdf;
        }

        string dashed = match.Groups[1].Value;
        string hex = dashed.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        string zeroedDashed = Regex.Replace(dashed, "[0-9a-fA-F]", "0");
        string neutral = text.Replace(dashed, zeroedDashed, StringComparison.Ordinal).Replace(hex, new string('0', hex.Length), StringComparison.Ordinal);
        byte[] hash = SHA256.HashData(Encoding.Latin1.GetBytes(neutral));
        string newHex = Convert.ToHexString(hash, 0, 16);
        string newDashed = string.Concat(newHex[..8], "-", newHex[8..12], "-", newHex[12..16], "-", newHex[16..20], "-", newHex[20..32]).ToLowerInvariant();
        string pinned = text.Replace(dashed, newDashed, StringComparison.Ordinal).Replace(hex, newHex, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(pinned);
    }

    [GeneratedRegex("<xmpMM:DocumentID>uuid:([0-9a-fA-F-]{36})</xmpMM:DocumentID>")]
    private static partial Regex XmpUuid();
}
