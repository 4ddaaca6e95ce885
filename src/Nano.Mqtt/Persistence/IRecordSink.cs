namespace Nano.Mqtt.Persistence
{
    /// <summary>Receives the intact records of a log, in order, while it is read.</summary>
    public interface IRecordSink
    {
        /// <summary>One record: its kind and <paramref name="count"/> bytes of content at <paramref name="offset"/>.</summary>
        void Apply(RecordKind kind, byte[] data, int offset, int count);
    }
}
