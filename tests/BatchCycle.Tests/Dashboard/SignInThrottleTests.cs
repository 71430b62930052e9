using BatchCycle.Dashboard;
using BatchCycle.Dashboard.Accounts;

namespace BatchCycle.Tests.Dashboard;

public sealed class SignInThrottleTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static (SignInThrottle Throttle, ManualClock Clock) Create()
    {
        var clock = new ManualClock();
        return (new SignInThrottle(new DashboardSettings { SignInMaxFailures = 5, SignInMaxFailuresPerAddress = 20, SignInLockMinutes = 15 }, clock), clock);
    }

    [Theory]
    [InlineData(4, null)]
    [InlineData(5, 15)]
    [InlineData(6, 15)]
    public void The_fifth_failure_locks_the_name_for_the_window(int failures, int? lockedMinutes)
    {
        var (throttle, clock) = Create();
        for (var i = 0; i < failures; i++)
        {
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        Assert.Equal(lockedMinutes is { } m ? clock.Now.AddMinutes(m) : null, throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void The_lock_ends_when_the_window_has_passed_and_failures_outside_it_no_longer_count()
    {
        var (throttle, clock) = Create();
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        clock.Now = clock.Now.AddMinutes(15).AddSeconds(1);

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
        throttle.RecordFailure("alice", "10.0.0.1");
        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }

    [Fact]
    public void The_lock_is_per_user_name_in_any_case_from_every_address()
    {
        var (throttle, _) = Create();
        for (var i = 0; i < 5; i++)
        {
            throttle.RecordFailure(i % 2 == 0 ? "alice" : "ALICE ", $"10.0.0.{i + 1}");
        }

        Assert.NotNull(throttle.LockedUntil("Alice", "10.0.0.1"));
        Assert.NotNull(throttle.LockedUntil("alice", "10.0.0.99"));
        Assert.Null(throttle.LockedUntil("bob", "10.0.0.1"));
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    public void Failures_from_one_address_on_many_names_lock_the_address(int names, bool locked)
    {
        var (throttle, _) = Create();
        for (var i = 0; i < names; i++)
        {
            throttle.RecordFailure($"user{i}", "10.0.0.1");
        }

        Assert.Equal(locked, throttle.LockedUntil("alice", "10.0.0.1") is not null);
        Assert.Null(throttle.LockedUntil("alice", "10.0.0.2"));
    }

    [Fact]
    public void A_successful_sign_in_does_not_clear_the_address_failures()
    {
        var (throttle, _) = Create();
        for (var i = 0; i < 20; i++)
        {
            throttle.RecordFailure($"user{i}", "10.0.0.1");
            throttle.RecordSuccess("mallory");
        }

        Assert.NotNull(throttle.LockedUntil("mallory", "10.0.0.1"));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_failures()
    {
        var (throttle, _) = Create();
        for (var i = 0; i < 4; i++)
        {
            throttle.RecordFailure("alice", "10.0.0.1");
        }

        throttle.RecordSuccess("alice");
        throttle.RecordFailure("alice", "10.0.0.1");

        Assert.Null(throttle.LockedUntil("alice", "10.0.0.1"));
    }
}
