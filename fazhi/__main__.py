from fazhi.cli import main

raise SystemExit(main())
