from gendan_desktop.cli import main

raise SystemExit(main())
