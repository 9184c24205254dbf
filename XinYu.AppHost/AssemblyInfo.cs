// The local orchestrator drives Debian's servers with setsid, setpriv and POSIX signals: Linux only.
// (A city runs the suite on Kubernetes; the publishers are plain file writers.)
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
