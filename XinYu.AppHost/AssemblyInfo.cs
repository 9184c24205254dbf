// The local servers run under their Debian users through setpriv, with the data folders handed over by chown: Linux only.
// (A city runs the suite on Kubernetes; the publishers are plain file writers.)
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
