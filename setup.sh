#!/usr/bin/env bash
# Installs what the harness needs beyond the .NET 10 SDK. Safe to run again: it installs only what is missing.
# OpenCvSharp's Linux runtime (libOpenCvSharpExtern.so) links against GTK 3, so libgtk-3-0 must be present.
# DICOM images are read through DCMTK's command-line tools (dcmdump, dcmj2pnm, dcml2pnm): package dcmtk.
# The report's tests read the PDF back with poppler's pdftotext and pdffonts (package poppler-utils); without them
# those tests are skipped, so CI installs them too.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required: 'dotnet' is not on PATH" >&2
  exit 1
fi

missing=()
ldconfig -p | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0)
command -v dcmj2pnm >/dev/null 2>&1 || missing+=(dcmtk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if ((${#missing[@]} > 0)); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]} (apt-get)"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}" >/dev/null
fi
echo "setup: native prerequisites present"
