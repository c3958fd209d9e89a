using Decisioning.Plan;
using Decisioning.Runtime;

namespace Decisioning.Snapshots;

/// <summary>A snapshot read from a host's own object through its type's compiled getters.</summary>
internal sealed class ObjectSnapshot<T>(T customer) : CustomerSnapshot
    where T : notnull
{
    public override (CustomerRecord? Customer, SnapshotError? Error) Read(DecisionPlan plan) =>
        RecordBuilder.Build(plan, new Values(customer, ObjectShape<T>.Instance.For(plan)));

    private sealed class Values(T customer, ObjectShape<T>.Binding binding) : IFieldValues
    {
        public object? Holdings => binding.Holdings?.Invoke(customer);

        public object? Events => binding.Events?.Invoke(customer);

        public object? Contacts => binding.Contacts?.Invoke(customer);

        public object? Responses => binding.Responses?.Invoke(customer);

        public bool TryGetId(string idField, out object? id) => TryRead(binding.Id, out id);

        public bool TryGet(FieldSlot field, out object? value) => TryRead(binding.Fields[field.Index], out value);

        private bool TryRead(Func<T, object?>? getter, out object? value)
        {
            value = getter?.Invoke(customer);
            return getter is not null;
        }
    }
}
