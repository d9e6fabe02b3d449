using AuditHarness.Inference.Imaging;

namespace AuditHarness.Tests.Inference.Imaging;

[TestClass]
public sealed class OpenCvRuntimeTests
{
    [TestMethod]
    public void MissingGtkBehindATypeInitializerIsNamedWithWhatToInstall()
    {
        // The shape .NET gives when libOpenCvSharpExtern.so cannot resolve libgtk-3.so.0.
        var loadFailure = new DllNotFoundException(
            "Unable to load shared library 'OpenCvSharpExtern' or one of its dependencies.\n" +
            "/app/runtimes/linux-x64/native/libOpenCvSharpExtern.so: libgtk-3.so.0: cannot open shared object file: No such file or directory");
        var wrapped = new TypeInitializationException("OpenCvSharp.Internal.NativeMethods", loadFailure);

        string? message = OpenCvRuntime.DescribeLoadFailure(wrapped);

        Assert.IsNotNull(message);
        StringAssert.Contains(message, "libgtk-3.so.0 is missing");
        StringAssert.Contains(message, "apt-get install -y libgtk-3-0");
        Assert.DoesNotContain("\n", message);
    }

    [TestMethod]
    public void OtherExceptionsAreNotMistakenForALoadFailure()
    {
        Assert.IsNull(OpenCvRuntime.DescribeLoadFailure(new InvalidOperationException("x")));
    }

    [TestMethod]
    public void RuntimeLoadsOnThisMachine()
    {
        OpenCvRuntime.EnsureLoaded();
    }
}
