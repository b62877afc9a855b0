//! Generated C4 container diagrams for scaling benchmarks: `n` containers in boundaries
//! of eight, each boundary nested in a system boundary of four, a person in front, and
//! relations as people draw them: a chain through each boundary (`Rel_R`), a hop to the
//! next boundary, and a database call every third container. Deterministic (no RNG), so
//! every run measures the same diagram.

use std::fmt::Write;

pub fn c4(n: usize) -> String {
    let mut t = String::from("C4Container\n  title Generated\n  Person(user, \"User\", \"Somebody\")\n");
    let per = 8;
    let boundaries = n.div_ceil(per);
    for b in 0..boundaries {
        if b % 4 == 0 {
            writeln!(t, "  System_Boundary(sys{}, \"System {}\") {{", b / 4, b / 4).unwrap();
        }
        writeln!(t, "    Container_Boundary(b{b}, \"Boundary {b}\") {{").unwrap();
        for i in b * per..((b + 1) * per).min(n) {
            match i % 3 {
                2 => writeln!(t, "      ContainerDb(c{i}, \"Store {i}\", \"PostgreSQL\", \"Rows of {i}\")").unwrap(),
                _ => writeln!(t, "      Container(c{i}, \"Service {i}\", \"Go\", \"Does thing {i}\")").unwrap(),
            }
        }
        writeln!(t, "    }}").unwrap();
        if b % 4 == 3 || b + 1 == boundaries {
            writeln!(t, "  }}").unwrap();
        }
    }
    writeln!(t, "  Rel_R(user, c0, \"Uses\", \"HTTPS\")").unwrap();
    for i in 1..n {
        if i % per != 0 {
            writeln!(t, "  Rel_R(c{}, c{i}, \"Calls\", \"gRPC\")", i - 1).unwrap();
        } else {
            writeln!(t, "  Rel(c{}, c{i}, \"Hands over\")", i - per).unwrap();
        }
        if i % 3 == 0 && i + 2 < n {
            writeln!(t, "  Rel(c{i}, c{}, \"Reads\", \"SQL\")", i + 2).unwrap();
        }
    }
    t
}
