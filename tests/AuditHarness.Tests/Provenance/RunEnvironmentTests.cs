using AuditHarness.Engine.Provenance;
using AuditHarness.Results;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace AuditHarness.Tests.Provenance;

[TestClass]
public sealed class RunEnvironmentTests
{
    [TestMethod]
    public void CpuModelIsTheFirstModelNameLineOfCpuinfo()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["processor\t: 0", "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC 7B13 64-Core Processor", "", "processor\t: 1", "model name\t: Something Else"]);

            Assert.AreEqual("AMD EPYC 7B13 64-Core Processor", ProvenanceCapture.CpuModelFrom(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void CpuModelIsUnknownWithoutCpuinfo()
    {
        Assert.AreEqual("unknown", ProvenanceCapture.CpuModelFrom(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "cpuinfo")));
    }

    [TestMethod]
    public void LibraryVersionsComeFromTheLoadedLibraries()
    {
        RunEnvironment environment = ProvenanceCapture.Environment();

        Assert.AreEqual(OrtEnv.Instance().GetVersionString(), environment.OnnxRuntimeVersion);
        Assert.AreEqual(Cv2.GetVersionString(), environment.OpenCvVersion);
        Assert.AreEqual(Environment.ProcessorCount, environment.CoreCount);
        StringAssert.StartsWith(environment.DotnetRuntime, ".NET");
        Assert.AreEqual(HarnessBuildInfo.GitCommit, environment.HarnessCommit);
    }
}
