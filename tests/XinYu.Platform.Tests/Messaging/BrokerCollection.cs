namespace XinYu.Platform.Tests.Messaging;

/// <summary>Tests that share the test run's broker, one of which stops it: they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection
{
    public const string Name = "broker";
}
