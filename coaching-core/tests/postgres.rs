//! The PostgreSQL test server: reached through `COACHING_TEST_DATABASE_URL`, one database per
//! test, each dropped when its test ends. (The PostgreSQL backend's suites build on this.)
//!
//!     cargo test -p coaching-core --features postgres --test postgres   # with the variable set

mod pg;

#[test]
fn the_test_server_gives_each_test_its_own_database_and_drops_it() {
    let a = pg::TestDb::new("a");
    let b = pg::TestDb::new("b");
    a.client()
        .batch_execute("CREATE TABLE t (x int); INSERT INTO t VALUES (1)")
        .unwrap();
    let x: i32 = a.client().query_one("SELECT x FROM t", &[]).unwrap().get(0);
    assert_eq!(x, 1);
    assert!(
        b.client().query("SELECT x FROM t", &[]).is_err(),
        "another test's database does not see the table"
    );
    let name = a.name.clone();
    drop(a);
    let left: i64 = pg::admin()
        .query_one(
            "SELECT count(*) FROM pg_database WHERE datname = $1",
            &[&name],
        )
        .unwrap()
        .get(0);
    assert_eq!(left, 0, "the database of a finished test is dropped");
}

#[test]
fn the_test_server_speaks_a_supported_version() {
    let v: i32 = pg::admin()
        .query_one("SELECT current_setting('server_version_num')::int", &[])
        .unwrap()
        .get(0);
    assert!(
        v >= 130000,
        "PostgreSQL 13 or later (DROP DATABASE … WITH (FORCE)): {v}"
    );
}
