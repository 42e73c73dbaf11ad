// Copyright 2016-2020, Pulumi Corporation.  All rights reserved.

// Empty program.
