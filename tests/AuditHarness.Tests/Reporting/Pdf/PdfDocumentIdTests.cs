using System.Text;
using AuditHarness.Reporting.Pdf;

namespace AuditHarness.Tests.Reporting.Pdf;

[TestClass]
public sealed class PdfDocumentIdTests
{
    private const string Body = "%PDF-1.4\n1 0 obj\n<</Metadata 2 0 R>>\nendobj\n2 0 obj\n<xmpMM:DocumentID>uuid:{0}</xmpMM:DocumentID>\n<xmpMM:InstanceID>uuid:{0}</xmpMM:InstanceID>\nendobj\nxref\n0 3\ntrailer\n<</Size 3\n/Root 1 0 R\n/ID [{1} {1}]>>\nstartxref\n60\n%%EOF\n";

    [TestMethod]
    public void TheSameDocumentGetsTheSameIdWhateverFormSkiaWroteItsRandomIdIn()
    {
        // Two exports of one document: one random ID written in hex, another written as a literal string with escapes.
        byte[] hexForm = Pdf("03bf0a48-ce19-c160-3c7d-c0ae47107216", "<03BF0A48CE19C1603C7DC0AE47107216>");
        byte[] literalForm = Pdf("e5404c23-6a89-3349-b360-b6591f324e5a", @"(\345@L#j\2113I\263`\266Y\0372NZ)");

        byte[] a = PdfDocumentId.Pin(hexForm), b = PdfDocumentId.Pin(literalForm);

        CollectionAssert.AreEqual(a, b, Encoding.Latin1.GetString(a) + "\n---\n" + Encoding.Latin1.GetString(b));
        string pinned = Encoding.Latin1.GetString(a);
        Assert.DoesNotContain("03BF0A48", pinned);
        Assert.DoesNotContain(@"\345", pinned);
        StringAssert.Matches(pinned, new System.Text.RegularExpressions.Regex(@"/ID \[<([0-9A-F]{32})> <\1>\]"));
    }

    [TestMethod]
    public void AnotherDocumentGetsAnotherId()
    {
        byte[] one = PdfDocumentId.Pin(Pdf("03bf0a48-ce19-c160-3c7d-c0ae47107216", "<03BF0A48CE19C1603C7DC0AE47107216>"));
        byte[] other = PdfDocumentId.Pin(Pdf("03bf0a48-ce19-c160-3c7d-c0ae47107216", "<03BF0A48CE19C1603C7DC0AE47107216>", root: 9));

        string idOne = Encoding.Latin1.GetString(one).Split("uuid:")[1][..36], idOther = Encoding.Latin1.GetString(other).Split("uuid:")[1][..36];
        Assert.AreNotEqual(idOne, idOther);
    }

    [TestMethod]
    public void PinnedBytesEqualTheStringByStringReplacementOfARealSkiaPdfAndOfEveryTrailerForm()
    {
        // The reference replaces the UUID and the trailer /ID in whole strings, as the pinning was first written; the
        // pinning edits one buffer instead and must give the very same bytes, binary streams included.
        var random = new Random(5);
        byte[] binary = new byte[4096];
        random.NextBytes(binary);
        string uuid = "5d1c9e2a-0b7f-4c3e-9a61-2f8e7d6c5b4a";
        byte[][] documents =
        [
            SkiaPdf(),
            Pdf("03bf0a48-ce19-c160-3c7d-c0ae47107216", "<03BF0A48CE19C1603C7DC0AE47107216>"),
            Pdf("e5404c23-6a89-3349-b360-b6591f324e5a", @"(\345@L#j\2113I\263`\266Y\0372NZ)"),
            Pdf(uuid, @"(a\)b\\c)"),
            [.. Encoding.Latin1.GetBytes($"%PDF-1.4\nstream\n"), .. binary, .. Encoding.Latin1.GetBytes($"uuid:{uuid}{uuid}\nendstream\n"), .. Pdf(uuid, "<00>")],
            Encoding.Latin1.GetBytes("%PDF-1.4\nno metadata\ntrailer\n<</ID [<AB> <AB>]>>\n%%EOF\n"),
        ];

        foreach (byte[] document in documents)
        {
            CollectionAssert.AreEqual(ReferencePin(document), PdfDocumentId.Pin(document));
        }
    }

    private static byte[] SkiaPdf()
    {
        using var buffer = new MemoryStream();
        using (SkiaSharp.SKDocument pdf = SkiaSharp.SKDocument.CreatePdf(buffer, new SkiaSharp.SKDocumentPdfMetadata { Title = "t", PdfA = true }))
        {
            SkiaSharp.SKCanvas canvas = pdf.BeginPage(200, 200);
            using var paint = new SkiaSharp.SKPaint { Color = SkiaSharp.SKColors.Red };
            canvas.DrawRect(10, 10, 50, 50, paint);
            pdf.EndPage();
            pdf.Close();
        }

        byte[] bytes = buffer.ToArray();
        StringAssert.Contains(Encoding.Latin1.GetString(bytes), "<xmpMM:DocumentID>uuid:");
        return bytes;
    }

    private static byte[] ReferencePin(byte[] pdf)
    {
        string text = Encoding.Latin1.GetString(pdf);
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(text, "<xmpMM:DocumentID>uuid:([0-9a-fA-F-]{36})</xmpMM:DocumentID>");
        if (!match.Success)
        {
            return pdf;
        }

        string dashed = match.Groups[1].Value;
        string neutral = ReferenceTrailerId(text.Replace(dashed, System.Text.RegularExpressions.Regex.Replace(dashed, "[0-9a-fA-F]", "0"), StringComparison.Ordinal), new string('0', 32));
        string hex = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.Latin1.GetBytes(neutral)), 0, 16);
        string newDashed = $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}".ToLowerInvariant();
        return Encoding.Latin1.GetBytes(ReferenceTrailerId(text.Replace(dashed, newDashed, StringComparison.Ordinal), hex));
    }

    private static string ReferenceTrailerId(string text, string hex)
    {
        var trailer = new System.Text.RegularExpressions.Regex(
            @"/ID\s*\[\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*(?:<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*\]",
            System.Text.RegularExpressions.RegexOptions.RightToLeft | System.Text.RegularExpressions.RegexOptions.Singleline);
        System.Text.RegularExpressions.Match id = trailer.Match(text);
        return id.Success ? string.Concat(text.AsSpan(0, id.Index), $"/ID [<{hex}> <{hex}>]", text.AsSpan(id.Index + id.Length)) : text;
    }

    private static byte[] Pdf(string uuid, string id, int root = 1) =>
        Encoding.Latin1.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, uuid, id).Replace("/Root 1 0 R", $"/Root {root} 0 R", StringComparison.Ordinal));
}
