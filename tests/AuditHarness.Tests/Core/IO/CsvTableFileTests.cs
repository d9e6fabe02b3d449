using AuditHarness.Core.IO;

namespace AuditHarness.Tests.Core.IO;

[TestClass]
public sealed class CsvTableFileTests
{
    [TestMethod]
    public void RowsAppendedWithoutFlushingWaitInTheBufferAndKeepTheirOrderWithWrittenRows()
    {
        string folder = Directory.CreateTempSubdirectory("csv-table").FullName;
        string path = Path.Combine(folder, "t.csv");
        try
        {
            using (var table = new CsvTableFile(path, ["a", "b"]))
            {
                table.AppendRows("1,x\n", flush: false);
                string waiting = ReadShared(path + ".partial");
                table.Writer.WriteField("2");
                table.Writer.WriteField("y");
                table.Writer.EndRecord();
                table.AppendRows("3,z\n4,w\n", flush: false);
                table.AppendRows("5,v\n", flush: true);
                string flushed = ReadShared(path + ".partial");
                table.AppendRows("6,u\n", flush: false);
                table.Complete();

                Assert.IsFalse(waiting.Contains("1,x", StringComparison.Ordinal), $"unflushed rows stay in the buffer: '{waiting}'");
                Assert.AreEqual("a,b\n1,x\n2,y\n3,z\n4,w\n5,v\n", flushed);
            }

            Assert.AreEqual("a,b\n1,x\n2,y\n3,z\n4,w\n5,v\n6,u\n", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
