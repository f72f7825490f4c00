console.log('askdata: CLI under construction');
