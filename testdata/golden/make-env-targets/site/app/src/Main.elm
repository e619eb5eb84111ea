module Main
