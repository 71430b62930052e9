using System.Globalization;

namespace BatchCycle.Runs;

/// <summary>
/// How much the garbage collector has worked so far: its collections by generation and the time it held the program
/// still. The debug log gives each stage's share, since a stage's time is often more the collector's than its own.
/// </summary>
internal readonly record struct CollectorFigures(int Gen0, int Gen1, int Gen2, TimeSpan Paused, long HeapBytes)
{
    public static CollectorFigures Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalMemory(forceFullCollection: false));

    public string Since(CollectorFigures start) => string.Create(
        CultureInfo.InvariantCulture,
        $"paused {(Paused - start.Paused).TotalSeconds:0.00} s in {Gen0 - start.Gen0} collections ({Gen1 - start.Gen1} of generation 1, {Gen2 - start.Gen2} of generation 2), heap {start.HeapBytes >> 20} MB before, {HeapBytes >> 20} MB after");
}
