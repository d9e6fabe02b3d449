# The image the Kubernetes examples in docs/ci-examples/ run: the published CLI as /app/audit-harness, and this
# repository's audits/ and datasets/ under /audit (so the demo spec is /audit/audits/demo-dermoscopy.audit.json).
#
#   docker build --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t auditharness:0.1.0 .
#   docker run --rm auditharness:0.1.0 run /audit/audits/demo-dermoscopy.audit.json --output /tmp/run
#
# NOT BUILT HERE: the machine this file was written on has no Docker daemon, so no image was ever built from it.
# Its RUN steps' equivalents were run on Debian 12 with the .NET 10 SDK (docs/install.md, "Docker"): the publish
# command below (after the solution's Release build, with --no-build), then the published audit-harness running
# --version and `predict` on a demo model; apt-get found libgtk-3-0 installed. Linux x64 only: OpenCvSharp's
# native runtime exists for no other platform.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# .dockerignore keeps .git out of the context, so the commit the run manifest records comes from this argument.
ARG GIT_COMMIT=unknown
WORKDIR /src
COPY . .
RUN dotnet publish src/AuditHarness.Cli/AuditHarness.Cli.csproj -c Release -o /app -p:GitCommit=${GIT_COMMIT}

FROM mcr.microsoft.com/dotnet/runtime:10.0
# OpenCvSharp's libOpenCvSharpExtern.so links against GTK 3 (as setup.sh installs it on a machine); Ubuntu 24.04
# images (.NET 10's default) name the package libgtk-3-0t64, Debian 12 libgtk-3-0.
RUN apt-get update \
    && (apt-get install -y --no-install-recommends libgtk-3-0t64 || apt-get install -y --no-install-recommends libgtk-3-0) \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
COPY audits /audit/audits
COPY datasets /audit/datasets
WORKDIR /audit
ENTRYPOINT ["/app/audit-harness"]
