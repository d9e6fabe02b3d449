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

    private static byte[] Pdf(string uuid, string id, int root = 1) =>
        Encoding.Latin1.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, uuid, id).Replace("/Root 1 0 R", $"/Root {root} 0 R", StringComparison.Ordinal));
}
