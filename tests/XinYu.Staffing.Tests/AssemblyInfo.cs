// Every StaffingApp runs the service's consumers on the same RabbitMQ queues (staffing-*): two apps alive at once would
// compete for each other's messages. Test classes therefore run one after another (each class's app is disposed
// before the next starts); the unit tests are fast enough that this costs little.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
